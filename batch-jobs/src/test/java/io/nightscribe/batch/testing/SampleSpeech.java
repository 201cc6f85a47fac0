package io.nightscribe.batch.testing;

import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.StorageUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The mixed-format real speech of {@code scripts/prepare-samples.sh}, prepared once per test JVM:
 * clips with reference texts, and bad inputs that must be quarantined.
 */
public final class SampleSpeech {
  private static final Path ROOT = Path.of("target", "sample-speech").toAbsolutePath();

  private static final class Holder {
    static final SampleSpeech INSTANCE = prepare();
  }

  private SampleSpeech() {}

  public static SampleSpeech shared() {
    return Holder.INSTANCE;
  }

  /** Every audio file, good and bad, by its key relative to the audio folder. */
  public List<String> keys() {
    try (Stream<Path> files = Files.walk(audio())) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> audio().relativize(file).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keys of files under {@code bad/}: inputs no decoder can read. */
  public List<String> badKeys() {
    return keys().stream().filter(key -> key.startsWith("bad/")).toList();
  }

  /** The keys of real speech clips. */
  public List<String> speechKeys() {
    return keys().stream().filter(key -> !key.startsWith("bad/")).toList();
  }

  public String reference(String key) {
    try {
      return Files.readString(ROOT.resolve("references").resolve(key + ".txt")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path file(String key) {
    return audio().resolve(key);
  }

  /** Copies every file to {@code prefix} in {@code store}, under its key. */
  public void uploadTo(ObjectStore store, StorageUri prefix) {
    uploadTo(store, prefix, keys());
  }

  /** Copies the files of {@code keys} to {@code prefix} in {@code store}, under their keys. */
  public void uploadTo(ObjectStore store, StorageUri prefix, List<String> keys) {
    for (String key : keys) {
      try (InputStream in = Files.newInputStream(file(key))) {
        store.write(prefix.resolve(key), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Path audio() {
    return ROOT.resolve("audio");
  }

  private static SampleSpeech prepare() {
    try {
      Process process =
          new ProcessBuilder("bash", "../scripts/prepare-samples.sh", ROOT.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("prepare-samples.sh failed: " + output);
      }
      return new SampleSpeech();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
