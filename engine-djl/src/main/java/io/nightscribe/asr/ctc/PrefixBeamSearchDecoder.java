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
 * <p>With {@code wordWeight} or {@code wordBonus}, every whole word a labelling spells adds {@code
 * wordWeight * log prior(word) + wordBonus} to its score (a unigram language model and a word
 * insertion bonus, as shallow fusion does): common words win over rare spellings the acoustics
 * barely tell apart.
 *
 * @param vocabulary the model's tokens
 * @param beamWidth labellings kept after each frame, at least 1
 * @param wordList the words that may be emitted; empty for any token sequence
 * @param wordWeight weight of a word's log prior; 0 to ignore priors
 * @param wordBonus score added per word
 */
public record PrefixBeamSearchDecoder(
    CtcVocabulary vocabulary,
    int beamWidth,
    Optional<WordList> wordList,
    double wordWeight,
    double wordBonus)
    implements CtcDecoder {
  private static final double PRUNE_BELOW_BEST = Math.log(1e6);

  public PrefixBeamSearchDecoder {
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(wordList, "wordList");
    if (beamWidth < 1) {
      throw new IllegalArgumentException("Invalid beam width " + beamWidth + " (at least 1)");
    }
    if (!Double.isFinite(wordWeight) || !Double.isFinite(wordBonus) || wordWeight < 0) {
      throw new IllegalArgumentException(
          "Invalid word weight " + wordWeight + " or bonus " + wordBonus);
    }
  }

  /** A beam search that weighs every allowed word alike. */
  public PrefixBeamSearchDecoder(
      CtcVocabulary vocabulary, int beamWidth, Optional<WordList> wordList) {
    this(vocabulary, beamWidth, wordList, 0, 0);
  }

  @Override
  public int[] bestLabelling(LogProbabilities logProbabilities) {
    Search search = new Search();
    List<Scored> beam = List.of(search.start());
    for (int frame = 0; frame < logProbabilities.frames(); frame++) {
      beam = search.step(beam, logProbabilities, frame);
    }
    return beam.stream()
        .filter(scored -> scored.prefix.canEnd())
        .max(
            Comparator.comparingDouble(
                    (Scored scored) ->
                        scored.total() + scored.prefix.wordScore + lastWordScore(scored.prefix))
                .thenComparing(scored -> -scored.prefix.serial))
        .map(scored -> scored.prefix.labelling())
        .orElse(new int[0]);
  }

  /** What the word a labelling ends on adds, once it is known to be whole. */
  private double lastWordScore(Prefix prefix) {
    return prefix.word != null && !prefix.betweenWords && prefix.word.isWord()
        ? wordScore(prefix.word)
        : 0;
  }

  private double wordScore(WordList.Node word) {
    return wordWeight * word.logPrior() + wordBonus;
  }

  /** The prefixes met while decoding one chunk; each prefix exists once, so it is its own key. */
  private final class Search {
    private final WordList.Node root = wordList.map(WordList::root).orElse(null);
    private int created;

    Scored start() {
      Scored empty = new Scored(new Prefix(null, -1, root, true, 0, created++));
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
          Comparator.comparingDouble((Scored scored) -> scored.total() + scored.prefix.wordScore)
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
      double wordScore = prefix.wordScore;
      if (state != null) {
        if (vocabulary.isDelimiter(token)) {
          if (!prefix.canEnd()) {
            return null;
          }
          wordScore += lastWordScore(prefix);
          state = root;
        } else {
          state = state.child(token);
          if (state == null) {
            return null;
          }
        }
      }
      child = new Prefix(prefix, token, state, state == root, wordScore, created++);
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
    private final double wordScore;
    private final int serial;
    private final Map<Integer, Prefix> children = new HashMap<>();

    Prefix(
        Prefix parent,
        int token,
        WordList.Node word,
        boolean betweenWords,
        double wordScore,
        int serial) {
      this.parent = parent;
      this.token = token;
      this.word = word;
      this.betweenWords = betweenWords;
      this.wordScore = wordScore;
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
