package io.nightscribe.asr.ctc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CTC prefix beam search: keeps the {@code beamWidth} most likely labellings, each scored by the
 * sum over all the paths that spell it, so it finds a labelling whose probability is spread over
 * many paths where greedy decoding follows the single best path.
 *
 * <p>With a word list, a labelling may only spell words of the list: a token that leads out of the
 * list is never tried, and a word delimiter only follows a whole word. The answer then ends on a
 * whole word; when no labelling in the beam does, it is empty.
 *
 * <p>Tokens whose probability at a frame is below a millionth of that frame's best token are not
 * tried there: they cannot change the beam, and skipping them keeps the search linear in the tokens
 * that matter. Ties go to the labelling found first, so the answer is the same on every run.
 *
 * @param vocabulary the model's tokens
 * @param beamWidth labellings kept after each frame, at least 1
 * @param wordList the words that may be emitted; empty for any token sequence
 */
public record PrefixBeamSearchDecoder(
    CtcVocabulary vocabulary, int beamWidth, Optional<WordList> wordList) implements CtcDecoder {
  private static final double PRUNE_BELOW_BEST = Math.log(1e6);

  public PrefixBeamSearchDecoder {
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(wordList, "wordList");
    if (beamWidth < 1) {
      throw new IllegalArgumentException("Invalid beam width " + beamWidth + " (at least 1)");
    }
  }

  @Override
  public int[] bestLabelling(LogProbabilities logProbabilities) {
    Search search = new Search();
    List<Scored> beam = List.of(search.start());
    for (int frame = 0; frame < logProbabilities.frames(); frame++) {
      beam = search.step(beam, logProbabilities, frame);
    }
    return beam.stream()
        .map(Scored::prefix)
        .filter(Prefix::canEnd)
        .findFirst()
        .map(Prefix::labelling)
        .orElse(new int[0]);
  }

  /** The prefixes met while decoding one chunk; each prefix exists once, so it is its own key. */
  private final class Search {
    private final WordList.Node root = wordList.map(WordList::root).orElse(null);
    private int created;

    Scored start() {
      Scored empty = new Scored(new Prefix(null, -1, root, true, created++));
      empty.blankEnding = 0;
      return empty;
    }

    List<Scored> step(List<Scored> beam, LogProbabilities logProbabilities, int frame) {
      Map<Prefix, Scored> next = new LinkedHashMap<>();
      double frameBest = Double.NEGATIVE_INFINITY;
      for (int token = 0; token < logProbabilities.tokens(); token++) {
        frameBest = Math.max(frameBest, logProbabilities.at(frame, token));
      }
      int blank = vocabulary.blankId();
      for (Scored scored : beam) {
        Prefix prefix = scored.prefix;
        double total = scored.total();
        scoreOf(next, prefix).addBlankEnding(total + logProbabilities.at(frame, blank));
        for (int token = 0; token < logProbabilities.tokens(); token++) {
          double p = logProbabilities.at(frame, token);
          if (token == blank || p < frameBest - PRUNE_BELOW_BEST) {
            continue;
          }
          Prefix extended = extend(prefix, token);
          if (token == prefix.token) {
            // a repeat without a blank between collapses into the same token
            scoreOf(next, prefix).addTokenEnding(scored.tokenEnding + p);
            if (extended != null) {
              scoreOf(next, extended).addTokenEnding(scored.blankEnding + p);
            }
          } else if (extended != null) {
            scoreOf(next, extended).addTokenEnding(total + p);
          }
        }
      }
      List<Scored> ranked = new ArrayList<>(next.values());
      ranked.sort(
          Comparator.comparingDouble(Scored::total)
              .reversed()
              .thenComparingInt(scored -> scored.prefix.serial));
      return List.copyOf(ranked.subList(0, Math.min(beamWidth, ranked.size())));
    }

    /** The prefix one token longer, or null when the word list forbids that token here. */
    private Prefix extend(Prefix prefix, int token) {
      Prefix child = prefix.children.get(token);
      if (child != null) {
        return child;
      }
      WordList.Node state = prefix.word;
      if (state != null) {
        if (vocabulary.isDelimiter(token)) {
          if (!prefix.canEnd()) {
            return null;
          }
          state = root;
        } else {
          state = state.child(token);
          if (state == null) {
            return null;
          }
        }
      }
      child = new Prefix(prefix, token, state, state == root, created++);
      prefix.children.put(token, child);
      return child;
    }

    private static Scored scoreOf(Map<Prefix, Scored> next, Prefix prefix) {
      return next.computeIfAbsent(prefix, Scored::new);
    }
  }

  /**
   * A labelling at one frame, with the log-probabilities of its paths that end there in a blank and
   * in its last token.
   */
  private static final class Scored {
    private final Prefix prefix;
    private double blankEnding = Double.NEGATIVE_INFINITY;
    private double tokenEnding = Double.NEGATIVE_INFINITY;

    Scored(Prefix prefix) {
      this.prefix = prefix;
    }

    Prefix prefix() {
      return prefix;
    }

    double total() {
      return LogSpace.add(blankEnding, tokenEnding);
    }

    void addBlankEnding(double logProbability) {
      blankEnding = LogSpace.add(blankEnding, logProbability);
    }

    void addTokenEnding(double logProbability) {
      tokenEnding = LogSpace.add(tokenEnding, logProbability);
    }
  }

  /** A labelling, as its last token and the labelling before it; belongs to one search. */
  private static final class Prefix {
    private final Prefix parent;
    private final int token;
    private final WordList.Node word;
    private final boolean betweenWords;
    private final int serial;
    private final Map<Integer, Prefix> children = new HashMap<>();

    Prefix(Prefix parent, int token, WordList.Node word, boolean betweenWords, int serial) {
      this.parent = parent;
      this.token = token;
      this.word = word;
      this.betweenWords = betweenWords;
      this.serial = serial;
    }

    /** Whether the labelling may end here: always, or between words or on a whole word. */
    boolean canEnd() {
      return word == null || betweenWords || word.isWord();
    }

    int[] labelling() {
      int length = 0;
      for (Prefix p = this; p.parent != null; p = p.parent) {
        length++;
      }
      int[] tokens = new int[length];
      for (Prefix p = this; p.parent != null; p = p.parent) {
        tokens[--length] = p.token;
      }
      return tokens;
    }
  }
}
