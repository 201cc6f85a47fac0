package io.nightscribe.asr.evaluation;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One model's word error rate on a set of utterances, with a 95% bootstrap confidence interval
 * (utterances resampled with replacement), overall and per slice. Immutable.
 *
 * @param overall the whole set's estimate
 * @param slices each slice's estimate, by slice name
 * @param bootstrapSamples how many resamples each interval rests on
 * @param seed the resampling seed
 */
public record WerEstimate(
    Interval overall, Map<String, Interval> slices, int bootstrapSamples, long seed) {

  /**
   * A corpus WER (errors over reference words) and its interval.
   *
   * @param wer the estimate
   * @param low lower bound of the 95% interval
   * @param high upper bound of the 95% interval
   * @param utterances how many utterances it rests on
   * @param referenceWords how many reference words
   */
  public record Interval(
      double wer, double low, double high, int utterances, long referenceWords) {}

  public WerEstimate {
    slices = Map.copyOf(new TreeMap<>(slices));
  }

  /**
   * Estimates from {@code scores}.
   *
   * @throws IllegalArgumentException when there are no scores
   */
  public static WerEstimate of(List<UtteranceScore> scores, int samples, long seed) {
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("Cannot estimate a WER from no utterances");
    }
    Map<String, Interval> slices = new TreeMap<>();
    for (String slice : new TreeSet<>(scores.stream().map(UtteranceScore::slice).toList())) {
      slices.put(
          slice,
          interval(
              scores.stream().filter(score -> score.slice().equals(slice)).toList(),
              samples,
              new SplittableRandom(seed)));
    }
    return new WerEstimate(
        interval(scores, samples, new SplittableRandom(seed)), slices, samples, seed);
  }

  private static Interval interval(
      List<UtteranceScore> scores, int samples, SplittableRandom random) {
    int n = scores.size();
    double[] resampled = new double[samples];
    for (int s = 0; s < samples; s++) {
      long errors = 0;
      long words = 0;
      for (int i = 0; i < n; i++) {
        UtteranceScore pick = scores.get(random.nextInt(n));
        errors += pick.errors();
        words += pick.referenceWords();
      }
      resampled[s] = (double) errors / Math.max(1, words);
    }
    java.util.Arrays.sort(resampled);
    long errors = scores.stream().mapToLong(UtteranceScore::errors).sum();
    long words = scores.stream().mapToLong(UtteranceScore::referenceWords).sum();
    return new Interval(
        (double) errors / Math.max(1, words),
        Bootstrap.percentile(resampled, 0.025),
        Bootstrap.percentile(resampled, 0.975),
        n,
        words);
  }
}
