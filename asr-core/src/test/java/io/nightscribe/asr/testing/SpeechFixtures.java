package io.nightscribe.asr.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Read speech with a known text, synthesized at test time with Debian's flite (voice slt writes 16
 * kHz mono 16-bit WAV, so no resampling is needed).
 */
public final class SpeechFixtures {
  /** Read sentences for accuracy checks: not in the fortunes, so no trained model has seen them. */
  public static final java.util.List<String> READ_SENTENCES =
      java.util.List.of(
          "the quick brown fox jumps over the lazy dog",
          "we went to the market to buy some fresh bread and milk",
          "the children played in the park until the sun went down",
          "it is easy to tell the depth of a well",
          "please call her and ask her to bring these things with her from the store");

  private SpeechFixtures() {}

  /** Synthesizes {@code text} into {@code wav} unless it is already there. */
  public static Path flite(String text, Path wav) throws IOException, InterruptedException {
    if (Files.isRegularFile(wav)) {
      return wav;
    }
    Files.createDirectories(wav.getParent());
    Path partial = wav.resolveSibling(wav.getFileName() + ".part.wav");
    Process process =
        new ProcessBuilder(List.of("flite", "-voice", "slt", "-t", text, "-o", partial.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("flite failed: " + output);
    }
    Files.move(partial, wav);
    return wav;
  }

  /** The samples of a 16 kHz mono 16-bit WAV as floats in [-1, 1]. */
  public static float[] readWav16kMono(Path wav) throws IOException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
      AudioFormat format = in.getFormat();
      if (format.getSampleRate() != 16_000
          || format.getChannels() != 1
          || format.getSampleSizeInBits() != 16
          || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
        throw new IOException("Not 16 kHz mono 16-bit PCM: " + format);
      }
      byte[] bytes = readAll(in);
      ByteBuffer buffer =
          ByteBuffer.wrap(bytes)
              .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      float[] samples = new float[bytes.length / 2];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = buffer.getShort() / 32768f;
      }
      return samples;
    } catch (UnsupportedAudioFileException e) {
      throw new IOException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
