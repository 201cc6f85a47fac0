package io.nightscribe.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.kubernetes.RenderedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nightscribe k8s render} end to end in process, and the checked-in example under
 * k8s-cronjobs/, which must be exactly what the command renders from k8s-cronjobs/nightscribe.yml.
 */
class K8sRenderCommandTest {
  private static final Path EXAMPLE = Path.of("..", "k8s-cronjobs");
  private static final String RENDER_AGAIN =
      "k8s-cronjobs/ is not what its configuration renders: run scripts/nightscribe k8s render"
          + " --config k8s-cronjobs/nightscribe.yml --output k8s-cronjobs, and commit the result";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path folder;

  @Test
  void theCheckedInExampleIsWhatTheCommandRenders() throws IOException {
    int exit = render();

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith(
            "Rendered 4 pipelines (3 scheduled by CronJobs, 1 on Spark) into "
                + folder
                + ": 21 files, 21 written, 0 removed.")
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
    render();
    out.getBuffer().setLength(0);

    int exit = render("--overlay", "prod", "--json");

    assertThat(exit).isZero();
    // the dev overlay is not asked for this time, so the previous render's copy goes
    assertThat(out.toString())
        .contains("\"written\":[]")
        .contains("\"removed\":[\"overlays/dev/kustomization.yaml\"]");
  }

  @Test
  void anUnknownOverlayIsAUsageError() {
    int exit = render("--overlay", "staging");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("nightscribe: Invalid --overlay 'staging': give dev or prod");
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void aBadImageIsAUsageError() {
    int exit = render("--image", "my image");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "nightscribe: Invalid --image: image 'my image' is not an image reference (e.g."
                + " registry.example.com/nightscribe:0.1.0)");
    assertThat(folder).isEmptyDirectory();
  }

  /** Renders the example into the test's folder, with further options. */
  private int render(String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "k8s",
                "render",
                "--config",
                EXAMPLE.resolve("nightscribe.yml").toString(),
                "--output",
                folder.toString()));
    args.addAll(List.of(options));
    CommandLine commandLine = NightscribeCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args.toArray(String[]::new));
  }
}
