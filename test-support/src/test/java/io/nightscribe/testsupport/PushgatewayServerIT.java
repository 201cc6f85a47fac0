package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PushgatewayServerIT {
  private final PushgatewayServer pushgateway = PushgatewayServer.shared();

  @Test
  void putReplacesTheWholeGroupSoStaleSeriesDoNotLinger() {
    // given a group holding two metrics
    Map<String, String> group = Map.of("pipeline", "replace-me");
    pushgateway.put(
        "nightscribe",
        group,
        "# TYPE it_old_metric gauge\nit_old_metric 1\n# TYPE it_kept_metric gauge\nit_kept_metric 2\n");
    // when the next push sends only one of them
    pushgateway.put("nightscribe", group, "# TYPE it_kept_metric gauge\nit_kept_metric 3\n");
    // then the other is gone and the grouping key became labels
    String metrics = pushgateway.metrics();
    assertThat(metrics)
        .contains("it_kept_metric{instance=\"\",job=\"nightscribe\",pipeline=\"replace-me\"} 3")
        .doesNotContain("it_old_metric");
  }

  @Test
  void postReplacesOnlyTheMetricsItSends() {
    // given
    Map<String, String> group = Map.of("pipeline", "merge-me");
    pushgateway.put("nightscribe", group, "# TYPE it_run_metric gauge\nit_run_metric 5\n");
    // when
    pushgateway.post("nightscribe", group, "# TYPE it_outbox_metric gauge\nit_outbox_metric 1\n");
    // then
    assertThat(pushgateway.metrics())
        .contains("it_run_metric{instance=\"\",job=\"nightscribe\",pipeline=\"merge-me\"} 5")
        .contains("it_outbox_metric{instance=\"\",job=\"nightscribe\",pipeline=\"merge-me\"} 1");
  }

  @Test
  void theGroupingKeyOverwritesAPushedLabelOfTheSameName() {
    // when a metric says another pipeline than the group it is pushed to (Pushgateway 1.5.1
    // accepts that silently)
    pushgateway.put(
        "nightscribe",
        Map.of("pipeline", "grouped"),
        "# TYPE it_relabelled gauge\nit_relabelled{pipeline=\"other\"} 1\n");
    // then the grouping key wins
    assertThat(pushgateway.metrics())
        .contains("it_relabelled{instance=\"\",job=\"nightscribe\",pipeline=\"grouped\"} 1")
        .doesNotContain("pipeline=\"other\"");
  }

  @Test
  void groupingKeyValuesMayHoldSlashes() {
    // when
    pushgateway.put(
        "nightscribe", Map.of("pipeline", "a/b"), "# TYPE it_slash gauge\nit_slash 1\n");
    // then
    assertThat(pushgateway.metrics()).contains("pipeline=\"a/b\"");
    pushgateway.delete("nightscribe", Map.of("pipeline", "a/b"));
    assertThat(pushgateway.metrics()).doesNotContain("it_slash");
  }

  @Test
  void bindsLoopbackAndIsShared() {
    assertThat(pushgateway.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(PushgatewayServer.shared()).isSameAs(pushgateway);
  }
}
