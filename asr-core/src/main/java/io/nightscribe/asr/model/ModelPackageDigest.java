package io.nightscribe.asr.model;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sha256 of a model package folder, independent of file-system order and timestamps: for every
 * regular file, in order of its relative path ('/'-separated, compared as strings), the digest is
 * fed the path in UTF-8, a 0 byte, the file length in decimal, a 0 byte, then the file's bytes.
 * Folders themselves (and empty folders) do not count. Neither does the package's reference profile
 * ({@value #REFERENCE_PROFILE} at the top): it describes the data the model was validated on, not
 * the model, never changes a transcript, and is added to packages already registered and used by
 * runs ({@code nightscribe models profile}); counting it would change the sha256 every run
 * recorded, so replays would no longer find their model and completed nights would run again.
 * Stateless and thread-safe.
 */
public final class ModelPackageDigest {
  /** The reference profile's file name, left out of the digest. */
  public static final String REFERENCE_PROFILE = "reference-profile.json";

  private ModelPackageDigest() {}

  /**
   * Digests {@code directory}.
   *
   * @throws NightscribeException CONFIGURATION when it cannot be read
   */
  public static String of(Path directory) {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[1 << 16];
    try {
      for (Path file : files(directory)) {
        String relative = directory.relativize(file).toString().replace('\\', '/');
        digest.update(relative.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Long.toString(Files.size(file)).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        try (InputStream in = Files.newInputStream(file)) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw NightscribeException.configuration(
          "Cannot digest model package " + directory + ": " + e.getMessage(), e);
    }
    return Sha256.hex(digest);
  }

  private static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !relative(directory, file).equals(REFERENCE_PROFILE))
          .sorted((a, b) -> relative(directory, a).compareTo(relative(directory, b)))
          .toList();
    }
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }
}
