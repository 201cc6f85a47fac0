package io.nightscribe.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.kubernetes.RenderedFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightscribe k8s render} end to end in process, and the checked-in example under
 * k8s-cronjobs/, which must be exactly what the command renders from k8s-cronjobs/nightscribe.yml.
 */
class K8sRenderCommandTest {
  private static final Path EXAMPLE = Path.of("..", "k8s-cronjobs");
  private static final String RENDER_AGAIN =
      "k8s-cronjobs/ is not what its configuration renders: run scripts/nightscribe k8s render"
          + " --config k8s-cronjobs/nightscribe.yml --output k8s-cronjobs, and commit the result";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @TempDir Path folder;

  @BeforeEach
  void captureOutput() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void theCheckedInExampleIsWhatTheCommandRenders() throws IOException {
    int exit =
        NightscribeCommand.execute(
            "k8s",
            "render",
            "--config",
            EXAMPLE.resolve("nightscribe.yml").toString(),
            "--output",
            folder.toString());

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith(
            "Rendered 4 pipelines (3 scheduled by CronJobs, 1 on Spark) into "
                + folder
                + ": 19 files, 19 written, 0 removed.")
        .contains(
            "  kubectl -n speech create secret generic nightscribe-ledger --from-literal=password=...")
        .contains("Apply: kubectl apply -k " + folder.resolve("overlays/prod"));
    List<String> rendered = Files.readAllLines(folder.resolve(RenderedFiles.LIST_FILE));
    assertThat(Files.readAllLines(EXAMPLE.resolve(RenderedFiles.LIST_FILE)))
        .as(RENDER_AGAIN)
        .isEqualTo(rendered);
    for (String file : rendered) {
      assertThat(EXAMPLE.resolve(file))
          .as(RENDER_AGAIN + " (" + file + ")")
          .hasSameTextualContentAs(folder.resolve(file));
    }
  }

  @Test
  void renderingAgainChangesNothing() {
    String config = EXAMPLE.resolve("nightscribe.yml").toString();
    NightscribeCommand.execute("k8s", "render", "--config", config, "--output", folder.toString());
    out.reset();

    int exit =
        NightscribeCommand.execute(
            "k8s",
            "render",
            "--config",
            config,
            "--output",
            folder.toString(),
            "--overlay",
            "prod",
            "--json");

    assertThat(exit).isZero();
    // the dev overlay is not asked for this time, so the previous render's copy goes
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("\"written\":[]")
        .contains("\"removed\":[\"overlays/dev/kustomization.yaml\"]");
  }

  @Test
  void anUnknownOverlayIsAUsageError() {
    int exit =
        NightscribeCommand.execute(
            "k8s",
            "render",
            "--config",
            EXAMPLE.resolve("nightscribe.yml").toString(),
            "--overlay",
            "staging");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("nightscribe: Invalid --overlay 'staging': give dev or prod");
  }

  @Test
  void aBadImageIsAUsageError() {
    int exit =
        NightscribeCommand.execute(
            "k8s",
            "render",
            "--config",
            EXAMPLE.resolve("nightscribe.yml").toString(),
            "--output",
            folder.toString(),
            "--image",
            "my image");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "nightscribe: Invalid --image: image 'my image' is not an image reference (e.g."
                + " registry.example.com/nightscribe:0.1.0)");
    assertThat(folder).isEmptyDirectory();
  }
}
