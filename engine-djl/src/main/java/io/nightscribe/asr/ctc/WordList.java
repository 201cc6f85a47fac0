package io.nightscribe.asr.ctc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words a beam search may emit, as a trie of token ids, each with a prior: its count in some
 * text, smoothed (add one) over the list. A word is spelled one token per character, matched
 * ignoring case; words with a character the vocabulary has no token for cannot be emitted and are
 * left out. Immutable once built, thread-safe.
 */
public final class WordList {
  private final Node root = new Node();
  private final int size;

  private WordList(Map<String, Long> counts, CtcVocabulary vocabulary) {
    Map<String, Integer> tokenIds = new HashMap<>();
    for (int id = vocabulary.tokens().size() - 1; id >= 0; id--) {
      if (!vocabulary.isSilent(id) && !vocabulary.isDelimiter(id)) {
        tokenIds.put(vocabulary.tokens().get(id).toLowerCase(Locale.ROOT), id);
      }
    }
    int added = 0;
    long total = 0;
    List<Node> words = new ArrayList<>();
    for (Map.Entry<String, Long> word : counts.entrySet()) {
      Node node = add(word.getKey().strip().toLowerCase(Locale.ROOT), tokenIds);
      if (node != null) {
        if (!node.isWord) {
          node.isWord = true;
          words.add(node);
          added++;
        }
        node.count += word.getValue();
        total += word.getValue();
      }
    }
    this.size = added;
    for (Node node : words) {
      node.logPrior = Math.log((node.count + 1.0) / (total + added));
    }
  }

  /** The trie of {@code words} that {@code vocabulary} can spell. */
  public static WordList of(Collection<String> words, CtcVocabulary vocabulary) {
    Map<String, Long> counts = new LinkedHashMap<>();
    words.forEach(word -> counts.put(word, 0L));
    return new WordList(counts, vocabulary);
  }

  /**
   * The trie of the words of {@code counts} that {@code vocabulary} can spell, with their counts.
   */
  public static WordList ofCounts(Map<String, Long> counts, CtcVocabulary vocabulary) {
    return new WordList(counts, vocabulary);
  }

  /**
   * Reads a word list file: UTF-8, one word per line, optionally followed by a tab and its count in
   * some text (blank lines skipped).
   *
   * @throws IOException when the file cannot be read or a count is not a whole number
   */
  public static WordList read(Path file, CtcVocabulary vocabulary) throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      try {
        long count = tab < 0 ? 0 : Long.parseLong(line.substring(tab + 1).strip());
        counts.merge(tab < 0 ? line : line.substring(0, tab), count, Long::sum);
      } catch (NumberFormatException e) {
        throw new IOException("invalid count in line '" + line + "' (use: word TAB count)", e);
      }
    }
    return new WordList(counts, vocabulary);
  }

  /** How many distinct words the list holds. */
  public int size() {
    return size;
  }

  Node root() {
    return root;
  }

  /** The node of {@code word}, created when missing; null when it cannot be spelled. */
  private Node add(String word, Map<String, Integer> tokenIds) {
    if (word.isEmpty()) {
      return null;
    }
    int[] codePoints = word.codePoints().toArray();
    int[] ids = new int[codePoints.length];
    for (int i = 0; i < codePoints.length; i++) {
      Integer id = tokenIds.get(Character.toString(codePoints[i]));
      if (id == null) {
        return null;
      }
      ids[i] = id;
    }
    Node node = root;
    for (int id : ids) {
      node = node.children.computeIfAbsent(id, unused -> new Node());
    }
    return node;
  }

  /** A prefix of one or more words; written only while the list is built. */
  static final class Node {
    private final Map<Integer, Node> children = new HashMap<>();
    private boolean isWord;
    private long count;
    private double logPrior;

    /** The prefix one token longer, or null when no word continues with {@code token}. */
    Node child(int token) {
      return children.get(token);
    }

    /** Whether this prefix is a whole word. */
    boolean isWord() {
      return isWord;
    }

    /** The word's smoothed log prior; meaningful for whole words only. */
    double logPrior() {
      return logPrior;
    }
  }
}
