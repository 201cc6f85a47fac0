package io.nightscribe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.testsupport.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules, checked and unit-tested by promtool, and held to the metric catalog.
 *
 * <p>A unit test rather than an integration test: it starts no server, takes about 5 s (promtool
 * replays the series of every test file) and checks a file of this module as a compiler would. A
 * missing promtool fails it with the install hint: a skipped rule test would let a broken rule file
 * pass the build.
 */
class AlertRulesTest {
  static final Path RULES = Path.of("prometheus", "nightscribe-rules.yml");
  private static final Path TESTS = Path.of("prometheus", "tests");
  private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\w+)\\s*$");
  private static final Pattern TESTED = Pattern.compile("^\\s*(?:- )?alertname: (\\w+)\\s*$");
  private static final Pattern METRIC = Pattern.compile("\\bnightscribe_[a-z_]+\\b");

  @Test
  void promtoolChecksTheRuleFile() {
    // when
    Promtool.Result result = Promtool.run(List.of("check", "rules", RULES.toString()));
    // then
    assertThat(result.exitCode()).as("promtool check rules said:%n%s", result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 10 rules found");
  }

  @Test
  void promtoolUnitTestsPass() throws IOException {
    // given every test file
    List<String> arguments = new ArrayList<>(List.of("test", "rules"));
    arguments.addAll(testFiles().stream().map(Path::toString).toList());
    // when
    Promtool.Result result = Promtool.run(arguments);
    // then
    assertThat(result.exitCode()).as("promtool test rules said:%n%s", result.output()).isZero();
  }

  @Test
  void everyAlertHasAUnitTestThatSeesItFire() throws IOException {
    // given
    Set<String> alerts = matches(List.of(RULES), ALERT);
    Set<String> firing = new TreeSet<>();
    for (Path file : testFiles()) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher tested = TESTED.matcher(lines.get(i));
        if (tested.matches() && i + 1 < lines.size() && lines.get(i + 1).contains("exp_alerts:")) {
          firing.add(tested.group(1));
        }
      }
    }
    // then
    assertThat(alerts).hasSize(10);
    assertThat(firing).containsAll(alerts);
  }

  @Test
  void rulesReadOnlyMetricsOfTheCatalog() throws IOException {
    // given every series name the catalog exposes, and the family names (annotations name those)
    Set<String> exposed = new TreeSet<>();
    for (NightMetric metric : NightMetric.values()) {
      exposed.add(metric.prometheusName());
      exposed.addAll(PrometheusExpositionTest.seriesNames(metric));
    }
    // when
    Set<String> read = new TreeSet<>();
    for (String line : Files.readAllLines(RULES)) {
      if (!line.stripLeading().startsWith("#")) {
        Matcher metric = METRIC.matcher(line);
        while (metric.find()) {
          read.add(metric.group());
        }
      }
    }
    // then
    assertThat(read).isNotEmpty().isSubsetOf(exposed);
  }

  @Test
  void theClassPathCarriesTheRuleFileUnchanged() throws IOException {
    // when read as `nightscribe k8s render` reads it, from the module's classes
    String packaged = AlertRules.yaml();
    // then it is the file promtool checks above, byte for byte: no second copy to drift
    assertThat(packaged).isEqualTo(Files.readString(RULES));
  }

  private static List<Path> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(TESTS)) {
      List<Path> tests = files.filter(f -> f.toString().endsWith("_test.yml")).sorted().toList();
      assertThat(tests).as("promtool test files in %s", TESTS).isNotEmpty();
      return tests;
    }
  }

  private static Set<String> matches(List<Path> files, Pattern pattern) throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.matches()) {
          found.add(matcher.group(1));
        }
      }
    }
    return found;
  }
}
