package io.nightscribe.asr.training;

import io.nightscribe.asr.text.WordErrorRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The output tokens of the models nightscribe trains: the CTC blank, the word delimiter (a space),
 * the apostrophe and the 26 lower-case letters. Texts are normalized as word error rates normalize
 * them, so the model learns exactly what it is scored on. Immutable.
 */
public final class CharacterVocabulary {
  /** The blank's id. */
  public static final int BLANK = 0;

  /** The word delimiter between words. */
  public static final String WORD_DELIMITER = " ";

  private static final List<String> TOKENS = build();

  private CharacterVocabulary() {}

  /** Every token, by id. */
  public static List<String> tokens() {
    return TOKENS;
  }

  private static List<String> build() {
    List<String> tokens = new ArrayList<>();
    tokens.add("<blank>");
    tokens.add(WORD_DELIMITER);
    tokens.add("'");
    for (char letter = 'a'; letter <= 'z'; letter++) {
      tokens.add(String.valueOf(letter));
    }
    return List.copyOf(tokens);
  }

  /**
   * The token ids of {@code text}'s normalized words, or empty when a word holds a character
   * outside the vocabulary (a digit, a letter with an accent): such utterances are left out of
   * training rather than learned wrong.
   */
  public static Optional<int[]> encode(String text) {
    String words = String.join(WORD_DELIMITER, WordErrorRate.normalize(text));
    int[] ids = new int[words.length()];
    for (int i = 0; i < words.length(); i++) {
      int id = TOKENS.indexOf(String.valueOf(words.charAt(i)));
      if (id <= BLANK) {
        return Optional.empty();
      }
      ids[i] = id;
    }
    return Optional.of(ids);
  }

  /** The text the token ids spell (no blanks expected). */
  public static String decode(int[] ids) {
    StringBuilder text = new StringBuilder(ids.length);
    for (int id : ids) {
      text.append(TOKENS.get(id));
    }
    return text.toString();
  }
}
