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
}
