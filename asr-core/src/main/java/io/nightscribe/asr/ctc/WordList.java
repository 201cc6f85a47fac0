package io.nightscribe.asr.ctc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words a beam search may emit, as a trie of token ids. A word is spelled one token per
 * character, matched ignoring case; words with a character the vocabulary has no token for cannot
 * be emitted and are left out. Immutable once built, thread-safe.
 */
public final class WordList {
  private final Node root = new Node();
  private final int size;

  private WordList(Collection<String> words, CtcVocabulary vocabulary) {
    Map<String, Integer> tokenIds = new HashMap<>();
    for (int id = vocabulary.tokens().size() - 1; id >= 0; id--) {
      if (!vocabulary.isSilent(id) && !vocabulary.isDelimiter(id)) {
        tokenIds.put(vocabulary.tokens().get(id).toLowerCase(Locale.ROOT), id);
      }
    }
    int added = 0;
    for (String word : words) {
      if (add(word.strip().toLowerCase(Locale.ROOT), tokenIds)) {
        added++;
      }
    }
    this.size = added;
  }

  /** The trie of {@code words} that {@code vocabulary} can spell. */
  public static WordList of(Collection<String> words, CtcVocabulary vocabulary) {
    return new WordList(words, vocabulary);
  }

  /**
   * Reads a word list file: UTF-8, one word per line (blank lines skipped).
   *
   * @throws IOException when the file cannot be read
   */
  public static WordList read(Path file, CtcVocabulary vocabulary) throws IOException {
    return new WordList(Files.readAllLines(file, StandardCharsets.UTF_8), vocabulary);
  }

  /** How many distinct words the list holds. */
  public int size() {
    return size;
  }

  Node root() {
    return root;
  }

  private boolean add(String word, Map<String, Integer> tokenIds) {
    if (word.isEmpty()) {
      return false;
    }
    int[] codePoints = word.codePoints().toArray();
    int[] ids = new int[codePoints.length];
    for (int i = 0; i < codePoints.length; i++) {
      Integer id = tokenIds.get(Character.toString(codePoints[i]));
      if (id == null) {
        return false;
      }
      ids[i] = id;
    }
    Node node = root;
    for (int id : ids) {
      node = node.children.computeIfAbsent(id, unused -> new Node());
    }
    boolean added = !node.isWord;
    node.isWord = true;
    return added;
  }

  /** A prefix of one or more words; written only while the list is built. */
  static final class Node {
    private final Map<Integer, Node> children = new HashMap<>();
    private boolean isWord;

    /** The prefix one token longer, or null when no word continues with {@code token}. */
    Node child(int token) {
      return children.get(token);
    }

    /** Whether this prefix is a whole word. */
    boolean isWord() {
      return isWord;
    }
  }
}
