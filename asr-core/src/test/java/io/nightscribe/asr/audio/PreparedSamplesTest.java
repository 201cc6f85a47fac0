package io.nightscribe.asr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.storage.SeekableObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample set of scripts/prepare-samples.sh, read by the decoder the jobs use. */
class PreparedSamplesTest {
  private static final Path OUT = Path.of("target", "prepared-samples");
  private static String summary;

  @BeforeAll
  static void prepare() throws Exception {
    Process process =
        new ProcessBuilder("bash", "../scripts/prepare-samples.sh", OUT.toString())
            .redirectErrorStream(true)
            .start();
    summary = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(summary).isZero();
  }

  @Test
  void everyClipDecodesAndHasAReference() throws Exception {
    // given the prepared clips, when each is decoded
    List<Path> clips = files(OUT.resolve("audio")).filter(p -> !p.startsWith(bad())).toList();

    // then all 14 hold speech-length audio and a non-empty reference beside it
    assertThat(summary)
        .isEqualTo("prepared 14 speech clips with references and 4 bad inputs in " + OUT);
    assertThat(clips).hasSize(14);
    assertThat(clips.stream().map(PreparedSamplesTest::extension).distinct())
        .containsExactlyInAnyOrder("wav", "flac", "mp3", "ogg", "opus", "m4a");
    for (Path clip : clips) {
      Path reference =
          OUT.resolve("references").resolve(OUT.resolve("audio").relativize(clip) + ".txt");
      assertThat(Files.readString(reference).strip()).as(clip.toString()).isNotEmpty();
      assertThat(decodedSeconds(clip)).as(clip.toString()).isBetween(0.5, 15.0);
    }
  }

  @Test
  void everyBadInputIsRejectedWithItsReason() {
    Map<String, String> reasons =
        Map.of(
            "empty.wav", "empty object (0 bytes)",
            "notes.mp3", "not an audio file (FFmpeg: Invalid data found when processing input)",
            "absurd-rate.wav", "absurd sample rate 500 Hz (expected 1000 to 384000)");
    reasons.forEach(
        (name, reason) ->
            assertThatThrownBy(() -> decodedSeconds(bad().resolve(name)))
                .isInstanceOf(NightscribeException.class)
                .hasMessage("Cannot decode " + name + ": " + reason));
    assertThatThrownBy(() -> decodedSeconds(bad().resolve("truncated.flac")))
        .isInstanceOf(NightscribeException.class)
        .hasMessageStartingWith("Cannot decode truncated.flac: truncated at ");
  }

  private static double decodedSeconds(Path file) {
    long samples = 0;
    try (SeekableObject object = new FileSeekableObject(file);
        PcmStream stream = new FfmpegAudioDecoder().open(object, file.getFileName().toString())) {
      for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
        samples += block.length;
      }
    }
    return samples / (double) AudioDecoder.TARGET_SAMPLE_RATE_HZ;
  }

  private static Path bad() {
    return OUT.resolve("audio").resolve("bad");
  }

  private static Stream<Path> files(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
