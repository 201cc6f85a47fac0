package io.nightscribe.runs.drift;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.ModelPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The words a model knows, for the out-of-vocabulary rate of a night's transcripts: the first
 * column of {@code graph/words.txt} (Kaldi and full Vosk models: "word id") or of {@code words.txt}
 * (nightscribe's DJL packages: "word count"). The small built-in Vosk model ships neither (its
 * graph holds the words only inside compiled FSTs), so its runs leave the rate out. Immutable and
 * thread-safe.
 */
public final class Vocabulary {
  /** Where packages keep their word list, first match wins. */
  public static final List<String> WORD_LISTS = List.of("graph/words.txt", "words.txt");

  private final Set<String> words;

  private Vocabulary(Set<String> words) {
    this.words = Set.copyOf(words);
  }

  /**
   * The word list of {@code model}, if its package has one.
   *
   * @throws NightscribeException CONFIGURATION when the word list cannot be read
   */
  public static Optional<Vocabulary> of(ModelPackage model) {
    for (String name : WORD_LISTS) {
      Path file = model.directory().resolve(name);
      if (Files.isRegularFile(file)) {
        return Optional.of(read(file));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code word} is in the list, ignoring case. */
  public boolean contains(String word) {
    return words.contains(word.toLowerCase(Locale.ROOT));
  }

  private static Vocabulary read(Path file) {
    Set<String> words = new HashSet<>();
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEach(
          line -> {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
              words.add(trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT));
            }
          });
    } catch (IOException | java.io.UncheckedIOException e) {
      throw NightscribeException.configuration(
          "Cannot read the word list "
              + file
              + ": "
              + e.getMessage()
              + " (check the model package)",
          e);
    }
    return new Vocabulary(words);
  }
}
