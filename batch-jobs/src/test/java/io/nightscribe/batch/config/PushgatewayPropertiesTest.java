package io.nightscribe.batch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.monitoring.push.PushTarget;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

/** Spring Boot's Pushgateway keys, as environment variables, onto nightscribe's push target. */
class PushgatewayPropertiesTest {
  private static final String ENV = "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_";

  @Test
  void offUnlessEnabledWhateverElseIsSet() {
    assertThat(bind(Map.of()).target()).isEmpty();
    assertThat(bind(Map.of(ENV + "ADDRESS", "gw:9091")).target()).isEmpty();
  }

  @Test
  void theDefaultsAreBootsAddressTheContractsJobAndAMinute() {
    PushgatewayProperties properties = bind(Map.of(ENV + "ENABLED", "true"));

    PushTarget target = properties.target().orElseThrow();
    assertThat(target.baseUri()).isEqualTo(URI.create("http://localhost:9091"));
    assertThat(target.job()).isEqualTo("nightscribe");
    assertThat(target.groupingKey()).isEmpty();
    assertThat(target.basicAuth()).isEmpty();
    assertThat(target.bearerToken()).isEmpty();
    assertThat(target.pushInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void everyBootKeyThatMattersToAPushIsRead() {
    Map<String, String> env = new HashMap<>();
    env.put(ENV + "ENABLED", "true");
    env.put(ENV + "ADDRESS", "pushgateway.monitoring:9091");
    env.put(ENV + "SCHEME", "https");
    env.put(ENV + "JOB", "nightscribe-eu");
    env.put(ENV + "GROUPINGKEY_CLUSTER", "eu-1");
    env.put(ENV + "PUSHRATE", "15s");
    env.put(ENV + "USERNAME", "pusher");
    env.put(ENV + "PASSWORD", "s3cret");
    env.put(ENV + "SHUTDOWNOPERATION", "DELETE");

    PushTarget target = bind(env).target().orElseThrow();

    assertThat(target.baseUri()).isEqualTo(URI.create("https://pushgateway.monitoring:9091"));
    assertThat(target.job()).isEqualTo("nightscribe-eu");
    assertThat(target.groupingKey()).isEqualTo(Map.of("cluster", "eu-1"));
    assertThat(target.pushInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(target.basicAuth()).contains(new PushTarget.BasicAuth("pusher", "s3cret"));
    assertThat(target.basicAuth().orElseThrow().toString()).doesNotContain("s3cret");
  }

  @Test
  void aTokenInsteadOfAUser() {
    PushTarget target =
        bind(Map.of(ENV + "ENABLED", "true", ENV + "TOKEN", "t0k3n")).target().orElseThrow();

    assertThat(target.bearerToken()).isEqualTo(Optional.of("t0k3n"));
  }

  @Test
  void aPipelineGroupingLabelOrABadAddressIsAConfigurationError() {
    assertThatThrownBy(
            () -> bind(Map.of(ENV + "ENABLED", "true", ENV + "GROUPINGKEY_PIPELINE", "x")).target())
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid Pushgateway grouping key: pipeline is set by nightscribe itself (leave it out"
                + " of grouping-key) (fix management.prometheus.metrics.export.pushgateway.*)");
    assertThatThrownBy(
            () -> bind(Map.of(ENV + "ENABLED", "true", ENV + "ADDRESS", ":9091")).target())
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid management.prometheus.metrics.export.pushgateway.address: :9091 (give"
                + " host:port, e.g. pushgateway:9091)");
  }

  @Test
  void bootsOwnPusherOfTheGlobalRegistryCannotStart() {
    // Boot creates its PrometheusPushGatewayManager only with this client on the class path: a
    // second pusher would PUT the global registry to a group of its own
    assertThat(
            ClassUtils.isPresent(
                "io.prometheus.metrics.exporter.pushgateway.PushGateway",
                getClass().getClassLoader()))
        .isFalse();
  }

  private static PushgatewayProperties bind(Map<String, String> env) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(env)));
    return Binder.get(environment)
        .bindOrCreate(
            "management.prometheus.metrics.export.pushgateway", PushgatewayProperties.class);
  }
}
