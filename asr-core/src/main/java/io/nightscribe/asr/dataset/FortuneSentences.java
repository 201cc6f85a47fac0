package io.nightscribe.asr.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sentences from fortune files (Debian's {@code fortunes} package): plain text in strfile format,
 * entries separated by lines holding only "%". Each entry is cut before its attribution (the first
 * line starting with "--"), split into sentences after ".", "!" or "?", and each sentence kept when
 * it is {@link SpeakableText speakable as written} and has {@value #MIN_WORDS} to {@value
 * #MAX_WORDS} words. Entries with control characters (overstruck text) are skipped whole. Stateless
 * and thread-safe.
 */
public final class FortuneSentences {
  /** Fewer words rarely make a sentence ("Yow!", "Q: Why?"). */
  public static final int MIN_WORDS = 4;

  /** More words make clips long enough to strain a training batch. */
  public static final int MAX_WORDS = 20;

  private static final Pattern ENTRY_SEPARATOR = Pattern.compile("\\R%[ \\t]*(?:\\R|$)");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"')`]*\\s+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

  private FortuneSentences() {}

  /**
   * The distinct sentences of every fortune file in {@code folder} (index files {@code *.dat} and
   * the {@code *.u8} links to the same texts are skipped), each text once with the first written
   * form met in file-name order, sorted by text: the same folder always gives the same list.
   *
   * @throws UncheckedIOException when the folder cannot be read
   */
  public static List<Sentence> read(Path folder) {
    Map<String, Sentence> byText = new TreeMap<>();
    for (Path file : fortuneFiles(folder)) {
      String text;
      try {
        // decoded leniently: a stray byte becomes U+FFFD, which no speakable sentence holds
        text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Sentence sentence : sentences(text)) {
        byText.putIfAbsent(sentence.text(), sentence);
      }
    }
    return List.copyOf(byText.values());
  }

  /** The sentences of one fortune file's text, in order, duplicates included. */
  public static List<Sentence> sentences(String strfile) {
    List<Sentence> sentences = new ArrayList<>();
    for (String entry : ENTRY_SEPARATOR.split("\n" + strfile)) {
      if (CONTROL.matcher(entry).find()) {
        continue;
      }
      for (String written : SENTENCE_END.split(withoutAttribution(entry))) {
        String line = written.strip().replaceAll("\\s+", " ");
        SpeakableText.reference(line)
            .map(text -> new Sentence(text, line))
            .filter(s -> s.wordCount() >= MIN_WORDS && s.wordCount() <= MAX_WORDS)
            .ifPresent(sentences::add);
      }
    }
    return sentences;
  }

  /** The entry's lines before its attribution, joined into one line. */
  private static String withoutAttribution(String entry) {
    StringBuilder text = new StringBuilder();
    for (String line : entry.split("\\R")) {
      if (line.strip().startsWith("--")) {
        break;
      }
      text.append(line.strip()).append(' ');
    }
    return text.toString().strip();
  }

  private static boolean isFortuneFile(String name) {
    return !name.startsWith(".") && !name.endsWith(".dat") && !name.endsWith(".u8");
  }

  private static List<Path> fortuneFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .filter(file -> isFortuneFile(file.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
