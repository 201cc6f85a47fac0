package io.nightscribe.asr.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two models scored on the same utterances: their word error rates overall and per slice, and a
 * paired bootstrap confidence interval of the difference (challenger minus champion: below zero is
 * better). Immutable.
 *
 * @param championWer the champion's corpus WER (errors over reference words)
 * @param challengerWer the challenger's corpus WER
 * @param differenceLow lower bound of the 95% interval of challenger minus champion
 * @param differenceHigh upper bound of that interval
 * @param slices each slice's WERs, by slice name
 * @param utterances how many utterances were scored
 * @param bootstrapSamples how many resamples the interval rests on
 * @param seed the resampling seed
 */
public record ModelComparison(
    double championWer,
    double challengerWer,
    double differenceLow,
    double differenceHigh,
    Map<String, SliceWer> slices,
    int utterances,
    int bootstrapSamples,
    long seed) {

  /** A slice's WERs. */
  public record SliceWer(double champion, double challenger, int utterances) {}

  public ModelComparison {
    slices = Map.copyOf(new TreeMap<>(slices));
  }

  /** The challenger's WER minus the champion's: below zero when the challenger is better. */
  public double difference() {
    return challengerWer - championWer;
  }

  /**
   * Compares two models on the same utterances, resampling utterances with replacement {@code
   * samples} times (a paired bootstrap: each resample keeps both models' scores of an utterance
   * together).
   *
   * @throws IllegalArgumentException when the two lists do not score the same utterances in the
   *     same order, or are empty
   */
  public static ModelComparison of(
      List<UtteranceScore> champion, List<UtteranceScore> challenger, int samples, long seed) {
    if (champion.isEmpty() || champion.size() != challenger.size()) {
      throw new IllegalArgumentException(
          "Cannot compare "
              + champion.size()
              + " champion scores with "
              + challenger.size()
              + " challenger scores: score the same utterances");
    }
    for (int i = 0; i < champion.size(); i++) {
      if (!champion.get(i).key().equals(challenger.get(i).key())) {
        throw new IllegalArgumentException(
            "Cannot compare scores of "
                + champion.get(i).key()
                + " and "
                + challenger.get(i).key());
      }
    }
    int n = champion.size();
    SplittableRandom random = new SplittableRandom(seed);
    double[] differences = new double[samples];
    for (int s = 0; s < samples; s++) {
      long championErrors = 0;
      long challengerErrors = 0;
      long words = 0;
      for (int i = 0; i < n; i++) {
        int pick = random.nextInt(n);
        championErrors += champion.get(pick).errors();
        challengerErrors += challenger.get(pick).errors();
        words += champion.get(pick).referenceWords();
      }
      differences[s] = (double) (challengerErrors - championErrors) / Math.max(1, words);
    }
    java.util.Arrays.sort(differences);
    Map<String, SliceWer> slices = new HashMap<>();
    for (String slice : new TreeSet<>(champion.stream().map(UtteranceScore::slice).toList())) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (champion.get(i).slice().equals(slice)) {
          members.add(i);
        }
      }
      slices.put(
          slice, new SliceWer(wer(champion, members), wer(challenger, members), members.size()));
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    return new ModelComparison(
        wer(champion, all),
        wer(challenger, all),
        Bootstrap.percentile(differences, 0.025),
        Bootstrap.percentile(differences, 0.975),
        slices,
        n,
        samples,
        seed);
  }

  private static double wer(List<UtteranceScore> scores, List<Integer> members) {
    long errors = 0;
    long words = 0;
    for (int i : members) {
      errors += scores.get(i).errors();
      words += scores.get(i).referenceWords();
    }
    return (double) errors / Math.max(1, words);
  }
}
