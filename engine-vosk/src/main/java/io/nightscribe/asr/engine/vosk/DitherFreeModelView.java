package io.nightscribe.asr.engine.vosk;

import io.nightscribe.asr.LocalFolders;
import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Vosk model folder as Vosk should load it for reproducible transcripts: Kaldi's dither switched
 * off.
 *
 * <p>Kaldi adds random noise to every audio frame before computing features, drawn from the C
 * library's process-wide {@code rand()}. With one model shared by several recognizers, the noise a
 * chunk gets depends on what every other recognizer in the process decoded before it, so the same
 * audio gives different word confidences, and sometimes different words, from run to run
 * (vosk-api#868). Without dither the same audio always gives the same features.
 *
 * <p>The view is a temporary folder of symbolic links to the package's files with its own {@code
 * conf/mfcc.conf}: the package and its sha256 stay untouched. Closing it deletes the folder.
 */
final class DitherFreeModelView implements AutoCloseable {
  static final String NO_DITHER = "--dither=0";

  private final Path directory;

  private DitherFreeModelView(Path directory) {
    this.directory = directory;
  }

  /** Builds the view of {@code modelDirectory}, which must hold {@code conf/mfcc.conf}. */
  static DitherFreeModelView of(Path modelDirectory) {
    Path mfcc = modelDirectory.resolve("conf/mfcc.conf");
    if (!Files.isRegularFile(mfcc)) {
      throw NightscribeException.configuration(
          "Cannot load the Vosk model in "
              + modelDirectory
              + ": it has no conf/mfcc.conf (use a Vosk model folder of the am/ conf/ graph/ layout)");
    }
    Path view = null;
    try {
      view = Files.createTempDirectory("nightscribe-vosk-");
      linkEntries(modelDirectory, view, "conf");
      Path conf = Files.createDirectory(view.resolve("conf"));
      linkEntries(modelDirectory.resolve("conf"), conf, "mfcc.conf");
      Files.copy(mfcc, conf.resolve("mfcc.conf"));
      // Kaldi's option parser keeps the last value given, so this line wins over any earlier dither
      Files.writeString(
          conf.resolve("mfcc.conf"),
          System.lineSeparator() + NO_DITHER + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      return new DitherFreeModelView(view);
    } catch (IOException e) {
      if (view != null) {
        delete(view);
      }
      throw NightscribeException.internal(
          "Cannot prepare the Vosk model in " + modelDirectory + " for loading: " + e.getMessage(),
          e);
    }
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() {
    delete(directory);
  }

  private static void linkEntries(Path from, Path to, String except) throws IOException {
    List<Path> entries;
    try (Stream<Path> listing = Files.list(from)) {
      entries = listing.toList();
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (!name.equals(except)) {
        Files.createSymbolicLink(to.resolve(name), entry.toAbsolutePath());
      }
    }
  }

  private static void delete(Path root) {
    // deleteTree does not follow links: only the view's own links and files go
    if (!LocalFolders.deleteTree(root)) {
      root.toFile().deleteOnExit();
    }
  }
}
