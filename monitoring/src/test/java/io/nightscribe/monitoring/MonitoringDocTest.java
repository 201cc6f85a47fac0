package io.nightscribe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/monitoring.md documents the catalog and the rules as the code and the rule file have them.
 */
class MonitoringDocTest {
  private static final Path DOC = Path.of("..", "docs", "monitoring.md");
  private static final List<String> RUN_LABELS =
      List.of(LabelKeys.PIPELINE, LabelKeys.MODEL, LabelKeys.MODEL_VERSION, LabelKeys.RUNNER);

  @Test
  void theCatalogTableHasEveryMetricWithItsTypeAndLabels() throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    for (NightMetric metric : NightMetric.values()) {
      String row =
          lines.stream()
              .filter(line -> line.startsWith("| `" + metric.prometheusName() + "` |"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no catalog row for " + metric));
      String[] cells = row.split("\\|");
      assertThat(cells[2].strip()).as(metric.name()).isEqualTo(type(metric));
      String labels = cells[3];
      if (metric.labelKeys().containsAll(RUN_LABELS)) {
        assertThat(labels).as(metric.name()).contains("run labels");
        for (String key :
            metric.labelKeys().subList(RUN_LABELS.size(), metric.labelKeys().size())) {
          assertThat(labels).as(metric.name()).contains("`" + key + "`");
        }
      } else {
        for (String key : metric.labelKeys()) {
          assertThat(labels).as(metric.name()).contains("`" + key + "`");
        }
        assertThat(labels).as(metric.name()).doesNotContain("run labels");
      }
    }
  }

  @Test
  void everyAlertOfTheRuleFileIsDocumented() throws IOException {
    String doc = Files.readString(DOC);
    Matcher alert =
        Pattern.compile("(?m)^\\s*- alert: (\\w+)$")
            .matcher(Files.readString(AlertRulesTest.RULES));
    int alerts = 0;
    while (alert.find()) {
      alerts++;
      assertThat(doc).contains("| `" + alert.group(1) + "` |");
    }
    assertThat(alerts).isEqualTo(10);
  }

  private static String type(NightMetric metric) {
    return metric.type().name().toLowerCase(Locale.ROOT);
  }
}
