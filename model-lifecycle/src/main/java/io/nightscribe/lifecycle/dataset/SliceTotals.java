package io.nightscribe.lifecycle.dataset;

/**
 * How much a slice of a dataset holds.
 *
 * @param clips how many clips
 * @param audioMillis their total duration
 */
public record SliceTotals(int clips, long audioMillis) {
  public SliceTotals {
    if (clips < 0 || audioMillis < 0) {
      throw new IllegalArgumentException(
          "Invalid totals: " + clips + " clips, " + audioMillis + " ms");
    }
  }

  SliceTotals plus(SliceTotals other) {
    return new SliceTotals(clips + other.clips, audioMillis + other.audioMillis);
  }
}
