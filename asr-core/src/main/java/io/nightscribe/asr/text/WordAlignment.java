package io.nightscribe.asr.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cheapest word-by-word alignment of a hypothesis with a reference (Levenshtein over words,
 * each edit costing 1): the edits behind a word error rate, and a readable diff of two texts.
 * Immutable.
 */
public final class WordAlignment {
  /** What one aligned position is. */
  public enum Kind {
    MATCH,
    SUBSTITUTION,
    DELETION,
    INSERTION
  }

  /**
   * One aligned position.
   *
   * @param reference the reference word, null for an insertion
   * @param hypothesis the hypothesis word, null for a deletion
   */
  public record Edit(Kind kind, String reference, String hypothesis) {}

  private final List<Edit> edits;
  private final int referenceWords;

  private WordAlignment(List<Edit> edits, int referenceWords) {
    this.edits = Collections.unmodifiableList(edits);
    this.referenceWords = referenceWords;
  }

  /** Aligns two texts after {@link WordErrorRate#normalize normalising} both. */
  public static WordAlignment of(String reference, String hypothesis) {
    return of(WordErrorRate.normalize(reference), WordErrorRate.normalize(hypothesis));
  }

  /** Aligns two word lists as they are. */
  public static WordAlignment of(List<String> ref, List<String> hyp) {
    // cost[i][j]: edits turning ref[0..i) into hyp[0..j); kept whole to trace back the edit kinds
    int[][] cost = new int[ref.size() + 1][hyp.size() + 1];
    for (int i = 0; i <= ref.size(); i++) {
      for (int j = 0; j <= hyp.size(); j++) {
        if (i == 0 || j == 0) {
          cost[i][j] = i + j;
        } else {
          int substitute = cost[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
          cost[i][j] = Math.min(substitute, Math.min(cost[i - 1][j], cost[i][j - 1]) + 1);
        }
      }
    }
    List<Edit> edits = new ArrayList<>();
    int i = ref.size();
    int j = hyp.size();
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0) {
        boolean match = ref.get(i - 1).equals(hyp.get(j - 1));
        if (cost[i][j] == cost[i - 1][j - 1] + (match ? 0 : 1)) {
          edits.add(
              new Edit(match ? Kind.MATCH : Kind.SUBSTITUTION, ref.get(i - 1), hyp.get(j - 1)));
          i--;
          j--;
          continue;
        }
      }
      if (i > 0 && cost[i][j] == cost[i - 1][j] + 1) {
        edits.add(new Edit(Kind.DELETION, ref.get(i - 1), null));
        i--;
      } else {
        edits.add(new Edit(Kind.INSERTION, null, hyp.get(j - 1)));
        j--;
      }
    }
    Collections.reverse(edits);
    return new WordAlignment(edits, ref.size());
  }

  /** The aligned positions, in text order. */
  public List<Edit> edits() {
    return edits;
  }

  /** The word error rate this alignment gives. */
  public WordErrorRate errorRate() {
    return new WordErrorRate(
        count(Kind.SUBSTITUTION), count(Kind.DELETION), count(Kind.INSERTION), referenceWords);
  }

  /**
   * The hypothesis as a word diff against the reference: matching words as they are, a removed
   * reference word as {@code [-word-]}, an added hypothesis word as {@code {+word+}}.
   */
  public String diff() {
    StringBuilder text = new StringBuilder();
    for (Edit edit : edits) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      switch (edit.kind()) {
        case MATCH -> text.append(edit.reference());
        case SUBSTITUTION ->
            text.append("[-")
                .append(edit.reference())
                .append("-] {+")
                .append(edit.hypothesis())
                .append("+}");
        case DELETION -> text.append("[-").append(edit.reference()).append("-]");
        case INSERTION -> text.append("{+").append(edit.hypothesis()).append("+}");
      }
    }
    return text.toString();
  }

  private int count(Kind kind) {
    return (int) edits.stream().filter(edit -> edit.kind() == kind).count();
  }
}
