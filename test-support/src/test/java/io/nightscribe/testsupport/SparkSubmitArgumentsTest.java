package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkSubmitArgumentsTest {
  @Test
  void clientModeOnLoopbackWithTheSubmissionsSettingsLast() {
    // given
    SparkSubmission submission =
        SparkSubmission.of(Path.of("/apps/probe.jar"), "io.example.Probe")
            .withConf("spark.executor.memory", "512m")
            .withConf("spark.ui.enabled", "true")
            .withJars(Path.of("/libs/a.jar"), Path.of("/libs/b.jar"))
            .withArgs("8", "2");

    // when
    List<String> args = SparkSubmitArguments.of("spark://127.0.0.1:7077", "127.0.0.1", submission);

    // then
    assertThat(args)
        .containsExactly(
            "--master",
            "spark://127.0.0.1:7077",
            "--deploy-mode",
            "client",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=true",
            "--conf",
            "spark.ui.showConsoleProgress=false",
            "--conf",
            "spark.executor.memory=512m",
            "--jars",
            "/libs/a.jar,/libs/b.jar",
            "--class",
            "io.example.Probe",
            "/apps/probe.jar",
            "8",
            "2");
  }

  @Test
  void theDriverJvmTakesSparkDriverMemoryAsHeapAndItsExtraJavaOptions() {
    // given
    SparkSubmission submission =
        SparkSubmission.of(Path.of("/apps/probe.jar"), "io.example.Probe")
            .withConf("spark.driver.memory", "768")
            .withConf("spark.driver.extraJavaOptions", " -XX:TieredStopAtLevel=1  -Dk=v ");

    // when
    List<String> options = SparkSubmitArguments.driverJvmOptions(submission);

    // then
    assertThat(options).containsExactly("-Xmx768m", "-XX:TieredStopAtLevel=1", "-Dk=v");
    assertThat(SparkSubmitArguments.driverJvmOptions(SparkSubmission.of(Path.of("a.jar"), "A")))
        .containsExactly("-Xmx1g");
  }
}
