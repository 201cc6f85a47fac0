package io.nightscribe.batch.testing;

import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.StorageUri;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A night of many tiny recordings: one 0.4 s word of flite's slt voice ("yes", a committed 12 KB
 * WAV), stored under as many keys as asked, so the night's cost is its per-object overhead rather
 * than its engine time.
 */
public final class TinyNight {
  private static final int UPLOADERS = 16;
  private static final int PER_FOLDER = 500;

  private TinyNight() {}

  /** The clip's bytes. */
  public static byte[] clip() {
    try (InputStream in = TinyNight.class.getResourceAsStream("/tiny-night/yes.wav")) {
      if (in == null) {
        throw new IllegalStateException("No /tiny-night/yes.wav on the test class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code count} keys in the order S3 lists them and manifests sort them, {@value #PER_FOLDER} to
   * a folder ({@code part-00/clip-00000.wav}, ...).
   */
  public static List<String> keys(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "part-%02d/clip-%05d.wav".formatted(i / PER_FOLDER, i))
        .toList();
  }

  /**
   * Stores the clip under each of {@code keys} below {@code prefix}, {@value #UPLOADERS} at a time.
   */
  public static void upload(ObjectStore store, StorageUri prefix, List<String> keys)
      throws InterruptedException {
    byte[] clip = clip();
    ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
    try {
      List<Future<?>> uploads = new ArrayList<>(keys.size());
      for (String key : keys) {
        uploads.add(
            uploaders.submit(
                () -> store.write(prefix.resolve(key), new ByteArrayInputStream(clip))));
      }
      for (Future<?> upload : uploads) {
        upload.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot upload the tiny night: " + e.getCause(), e);
    } finally {
      uploaders.shutdownNow();
    }
  }
}
