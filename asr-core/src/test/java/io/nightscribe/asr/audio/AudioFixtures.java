package io.nightscribe.asr.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Audio fixtures made at test time with the ffmpeg and sox command-line tools into target/, once
 * per build (a file already there is reused), plus hand-made WAV headers for bad inputs.
 */
final class AudioFixtures {
  static final Path DIR = Path.of("target", "audio-fixtures");

  private AudioFixtures() {}

  /** A 3 s 440 Hz mono sine at 44.1 kHz (48 kHz for Opus) encoded with ffmpeg's {@code codec}. */
  static Path sine(String extension, String... codecArgs) {
    Path file = DIR.resolve("sine440." + extension);
    List<String> command =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=44100:duration=3",
                "-ac",
                "1"));
    command.addAll(List.of(codecArgs));
    command.add(file.toString());
    return make(file, command);
  }

  /** 2 s of 440 Hz stereo at 44.1 kHz whose right channel is the left one inverted. */
  static Path stereoOppositePhase() {
    Path file = DIR.resolve("stereo-opposite.wav");
    return make(
        file,
        List.of(
            "sox",
            "-n",
            "-r",
            "44100",
            "-c",
            "2",
            "-b",
            "16",
            file.toString(),
            "synth",
            "2",
            "sine",
            "440",
            "remix",
            "1",
            "1v-1"));
  }

  /** A 440 Hz sine of {@code seconds} at 16 kHz mono in FLAC, made quickly by sox. */
  static Path longFlac(int seconds) {
    Path file = DIR.resolve("long-" + seconds + "s.flac");
    return make(
        file,
        List.of(
            "sox",
            "-n",
            "-r",
            "16000",
            "-c",
            "1",
            "-b",
            "16",
            file.toString(),
            "synth",
            String.valueOf(seconds),
            "sine",
            "440"));
  }

  /**
   * A 16-bit PCM WAV header with the given fields, followed by {@code presentDataBytes} of a 440 Hz
   * sine (or silence for odd layouts) while the header declares {@code declaredDataBytes}.
   */
  static byte[] wav(
      int formatTag, int channels, int rateHz, int declaredDataBytes, int presentDataBytes) {
    ByteBuffer out = ByteBuffer.allocate(44 + presentDataBytes).order(ByteOrder.LITTLE_ENDIAN);
    int blockAlign = Math.max(1, channels) * 2;
    out.put("RIFF".getBytes()).putInt(36 + declaredDataBytes).put("WAVE".getBytes());
    out.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) channels);
    out.putInt(rateHz)
        .putInt(rateHz * blockAlign)
        .putShort((short) blockAlign)
        .putShort((short) 16);
    out.put("data".getBytes()).putInt(declaredDataBytes);
    for (int i = 0; i < presentDataBytes / 2; i++) {
      double seconds = (double) (i / Math.max(1, channels)) / Math.max(1, rateHz);
      out.putShort((short) (10_000 * Math.sin(2 * Math.PI * 440 * seconds)));
    }
    return out.array();
  }

  private static Path make(Path file, List<String> command) {
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(DIR);
      Path partial = file.resolveSibling("partial-" + file.getFileName());
      List<String> writing = new ArrayList<>(command);
      writing.set(writing.indexOf(file.toString()), partial.toString());
      Process process = new ProcessBuilder(writing).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("Fixture command failed: " + writing + "\n" + output);
      }
      Files.move(partial, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
