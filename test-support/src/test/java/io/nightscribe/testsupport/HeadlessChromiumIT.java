package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Chromium, through the DevTools protocol: errors are seen, values read, pages shot. */
class HeadlessChromiumIT {
  @TempDir Path workDir;

  @Test
  void seesExceptionsConsoleErrorsAndFailedLoadsAndEvaluatesAndShootsThePage() throws Exception {
    Path page =
        Files.writeString(
            workDir.resolve("page.html"),
            "<!DOCTYPE html><html><body style=\"height:3000px\"><h1 id=\"t\">hello</h1>"
                + "<img src=\"missing.png\"><script>console.error('boom');"
                + "setTimeout(() => { throw new Error('late'); }, 0);</script></body></html>");
    Path clean = Files.writeString(workDir.resolve("clean.html"), "<p>quiet</p>");

    try (HeadlessChromium chromium = HeadlessChromium.start();
        HeadlessChromium.Page tab = chromium.open(page.toUri(), 800, 600)) {
      tab.awaitTrue(
          "document.getElementById('t').textContent === 'hello'", java.time.Duration.ofSeconds(5));
      assertThat(tab.evaluate("document.querySelectorAll('h1').length")).isEqualTo(1.0);
      tab.awaitTrue("true", java.time.Duration.ofSeconds(1));
      assertThat(tab.errors())
          .anySatisfy(error -> assertThat(error).startsWith("console.error").contains("boom"))
          .anySatisfy(error -> assertThat(error).startsWith("exception").contains("late"))
          .anySatisfy(error -> assertThat(error).startsWith("log").contains("missing.png"));

      byte[] png = Files.readAllBytes(tab.screenshot(workDir.resolve("page.png")));
      assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
      int height = java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
      assertThat(height)
          .as("the whole page, beyond the 600 px window")
          .isGreaterThanOrEqualTo(3000);

      try (HeadlessChromium.Page quiet = chromium.open(clean.toUri(), 800, 600)) {
        assertThat(quiet.errors()).isEmpty();
      }
    }
  }
}
