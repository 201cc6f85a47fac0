package io.nightscribe.batch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU discovery script the image carries where the Spark settings name it, run with a stand-in
 * for nvidia-smi (no machine here has a GPU).
 */
class GpuDiscoveryScriptTest {
  /** jib copies src/main/jib into the image's root. */
  private static final Path SCRIPT = Path.of("src/main/jib" + SparkObjects.GPU_DISCOVERY_SCRIPT);

  @TempDir Path bin;

  @Test
  void listsTheGpusNvidiaSmiShowsAsSparkReadsThem() throws Exception {
    fakeNvidiaSmi("printf '0\\n1\\n'");

    Result result = run();

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\"]}\n");
  }

  @Test
  void noGpuIsAnErrorThatSaysWhy() throws Exception {
    fakeNvidiaSmi("exit 0");

    Result result = run();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .isEqualTo(
            "discover-gpus: nvidia-smi lists no GPU: give the executor pods nvidia.com/gpu\n");
  }

  @Test
  void noNvidiaSmiIsAnErrorThatSaysWhy() throws Exception {
    Result result = run();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .isEqualTo(
            "discover-gpus: nvidia-smi is missing: run GPU executors on a node with the NVIDIA"
                + " container toolkit\n");
  }

  private void fakeNvidiaSmi(String body) throws IOException {
    Path fake = bin.resolve("nvidia-smi");
    Files.writeString(fake, "#!/bin/sh\n" + body + "\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
  }

  private Result run() throws Exception {
    assertThat(Files.isExecutable(SCRIPT)).as(SCRIPT + " is executable").isTrue();
    ProcessBuilder builder =
        new ProcessBuilder(SCRIPT.toAbsolutePath().toString()).redirectErrorStream(true);
    // only the stand-in and the tools the script uses: a real nvidia-smi on this machine stays out
    for (String tool : new String[] {"sed", "tr", "paste"}) {
      Path link = bin.resolve(tool);
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, which(tool));
      }
    }
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private static Path which(String tool) {
    for (String folder : new String[] {"/usr/bin", "/bin"}) {
      if (Files.isExecutable(Path.of(folder, tool))) {
        return Path.of(folder, tool);
      }
    }
    throw new IllegalStateException("No " + tool + " in /usr/bin or /bin");
  }

  private record Result(int exitCode, String output) {}
}
