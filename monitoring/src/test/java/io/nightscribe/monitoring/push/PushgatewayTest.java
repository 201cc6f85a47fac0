package io.nightscribe.monitoring.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushgatewayTest {

  @Test
  void theGroupIsJobThenPipelineThenTheOtherLabelsAllBase64() {
    Pushgateway gateway =
        new Pushgateway(target(URI.create("http://gw:9091/"), Map.of("cluster", "eu/1")));

    assertThat(gateway.groupUri("twi"))
        .hasToString(
            "http://gw:9091/metrics/job@base64/bmlnaHRzY3JpYmU=/pipeline@base64/dHdp"
                + "/cluster@base64/ZXUvMQ==");
  }

  @Test
  void anUnreachableGatewayIsReportedNotThrown() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Pushgateway gateway =
        new Pushgateway(target(URI.create("http://127.0.0.1:" + closedPort), Map.of()));

    assertThat(gateway.put("twi", "x 1\n")).isFalse();
  }

  @Test
  void pipelineAndJobAreNightscribesOwnGroupingLabels() {
    assertThatThrownBy(() -> target(URI.create("http://gw:9091"), Map.of("pipeline", "x")))
        .hasMessage(
            "Invalid Pushgateway grouping key: pipeline is set by nightscribe itself"
                + " (leave it out of grouping-key)");
    assertThatThrownBy(() -> target(URI.create("gw:9091"), Map.of()))
        .hasMessage("Invalid Pushgateway address gw:9091: the scheme must be http or https");
  }

  @Test
  void neitherTheTokenNorThePasswordIsPrinted() {
    PushTarget withToken =
        new PushTarget(
            URI.create("http://gw:9091"),
            PushTarget.DEFAULT_JOB,
            Map.of(),
            Optional.empty(),
            Optional.of("token-s3cr3t"),
            Duration.ofMinutes(1));
    PushTarget withPassword =
        new PushTarget(
            URI.create("http://gw:9091"),
            PushTarget.DEFAULT_JOB,
            Map.of(),
            Optional.of(new PushTarget.BasicAuth("ops", "password-s3cr3t")),
            Optional.empty(),
            Duration.ofMinutes(1));

    assertThat(withToken.toString()).doesNotContain("s3cr3t").contains("bearerToken=hidden");
    assertThat(withPassword.toString()).doesNotContain("s3cr3t").contains("ops");
  }

  private static PushTarget target(URI uri, Map<String, String> groupingKey) {
    return new PushTarget(
        uri,
        PushTarget.DEFAULT_JOB,
        groupingKey,
        Optional.empty(),
        Optional.empty(),
        Duration.ofMinutes(1));
  }
}
