package io.nightscribe.lifecycle.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianRecordingsTest {
  @TempDir Path root;

  @Test
  void listsTheRecordingsThatHaveAudioAndASpeakableText() throws Exception {
    // given two prompts with audio (one in a subfolder), one without, and two sphinx sets
    Path sounds = Files.createDirectories(root.resolve("sounds/digits"));
    Files.write(sounds.resolve("1.wav"), new byte[] {1});
    Files.write(root.resolve("sounds/vm-nomore.wav"), new byte[] {1});
    Path texts =
        gzip(
            root.resolve("core-sounds-en.txt.gz"),
            "; comment\nvm-nomore: No more messages.\ndigits/1: one\nvm-gone: Gone.\nbeep: [beep]\n");
    Path sphinx = root.resolve("sphinx");
    Files.createDirectories(sphinx.resolve("librivox"));
    Files.createDirectories(sphinx.resolve("cards"));
    Files.writeString(
        sphinx.resolve("librivox/transcription"), "<s> he was not ill </s> (clip-1)\n");
    Files.write(sphinx.resolve("librivox/clip-1.wav"), new byte[] {1});
    Files.writeString(sphinx.resolve("cards/cards.transcription"), "<s> ten of clubs </s> (001)\n");
    Files.write(sphinx.resolve("cards/001.wav"), new byte[] {1});

    // when / then
    assertThat(new DebianRecordings(root.resolve("sounds"), texts, sphinx).list())
        .containsExactly(
            new Recording("asterisk-digits-1", sounds.resolve("1.wav"), "one"),
            new Recording(
                "asterisk-vm-nomore", root.resolve("sounds/vm-nomore.wav"), "no more messages"),
            new Recording("cards-001", sphinx.resolve("cards/001.wav"), "ten of clubs"),
            new Recording(
                "librivox-clip-1", sphinx.resolve("librivox/clip-1.wav"), "he was not ill"));
  }

  @Test
  void aMissingPackageIsNamedWithTheFix() {
    DebianRecordings missing =
        new DebianRecordings(
            root.resolve("sounds"), root.resolve("texts.gz"), root.resolve("sphinx"));

    assertThatThrownBy(missing::list)
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot read recorded speech: no "
                + root.resolve("texts.gz")
                + " (install asterisk-core-sounds-en: run scripts/setup.sh, or pass --no-real)")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.CONFIGURATION);
  }

  private static Path gzip(Path file, String text) throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
