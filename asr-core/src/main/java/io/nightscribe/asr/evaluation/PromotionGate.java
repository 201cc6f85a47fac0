package io.nightscribe.asr.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a challenger may replace the champion: its WER must improve by at least {@code
 * minImprovement} (absolute), the 95% interval of the difference must exclude no improvement, and
 * no slice may get worse by more than {@code maxSliceRegression} (absolute). Immutable.
 */
public record PromotionGate(double minImprovement, double maxSliceRegression) {

  /** Whether the challenger passes, and every reason it does not. */
  public record Decision(boolean passed, List<String> reasons) {
    public Decision {
      reasons = List.copyOf(reasons);
    }
  }

  public PromotionGate {
    if (minImprovement < 0 || maxSliceRegression < 0) {
      throw new IllegalArgumentException("Gate margins are absolute WER differences of 0 or more");
    }
  }

  public Decision decide(ModelComparison comparison) {
    List<String> reasons = new ArrayList<>();
    double improvement = -comparison.difference();
    if (improvement < minImprovement) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "WER improves by %.2f points, less than the required %.2f (champion %.2f%%, challenger %.2f%%)",
              improvement * 100,
              minImprovement * 100,
              comparison.championWer() * 100,
              comparison.challengerWer() * 100));
    }
    if (comparison.differenceHigh() >= 0) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "the 95%% interval of the WER difference [%+.2f, %+.2f] points does not exclude no improvement",
              comparison.differenceLow() * 100,
              comparison.differenceHigh() * 100));
    }
    comparison
        .slices()
        .forEach(
            (slice, wer) -> {
              double regression = wer.challenger() - wer.champion();
              if (regression > maxSliceRegression) {
                reasons.add(
                    String.format(
                        Locale.ROOT,
                        "slice %s gets worse by %.2f points (%.2f%% -> %.2f%%), more than the allowed %.2f",
                        slice,
                        regression * 100,
                        wer.champion() * 100,
                        wer.challenger() * 100,
                        maxSliceRegression * 100));
              }
            });
    return new Decision(reasons.isEmpty(), reasons);
  }
}
