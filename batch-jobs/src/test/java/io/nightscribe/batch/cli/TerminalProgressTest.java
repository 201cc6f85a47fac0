package io.nightscribe.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
  private final TerminalProgress progress =
      new TerminalProgress(new PrintStream(terminal, true, StandardCharsets.UTF_8));

  @Test
  void startsFromWhatAnEarlierRunAlreadyFinished() {
    progress.start("run-1", 4, 1, 300);

    assertThat(lastFrame())
        .contains("1/4 objects")
        .contains("0.00 h audio")
        .contains("ETA --:--:--");
  }

  @Test
  void endsWithObjectsQuarantinedAndAudioHoursOnOneLine() {
    progress.start("run-1", 3, 0, 300);
    progress.transcribed("a.wav", 100, 1_800_000);
    progress.transcribed("b.wav", 100, 1_800_000);
    progress.quarantined("c.mp3", 100);
    progress.finish();

    String output = terminal.toString(StandardCharsets.UTF_8);
    assertThat(output).endsWith(System.lineSeparator());
    assertThat(lastFrame())
        .startsWith("[" + "#".repeat(30) + "]")
        .contains("3/3 objects (1 quarantined)")
        .contains("1.00 h audio")
        .contains("ETA 0:00:00");
  }

  /** The line as the terminal shows it: the text after the last carriage return. */
  private String lastFrame() {
    String output = terminal.toString(StandardCharsets.UTF_8).strip();
    return output.substring(output.lastIndexOf('\r') + 1);
  }
}
