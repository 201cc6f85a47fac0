package io.nightscribe.asr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Local working folders: staging, unpacking, views. Stateless. */
public final class LocalFolders {
  private LocalFolders() {}

  /**
   * Deletes {@code root} and everything under it, deepest first, without following symbolic links
   * (a link is deleted, not what it points at). A missing root is already deleted.
   *
   * @return false when something could not be deleted; the caller decides whether that matters
   */
  public static boolean deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }
}
