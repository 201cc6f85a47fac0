package io.nightscribe.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * The statistics against values computed independently with SciPy 1.17.1 ({@code
 * scipy.stats.ks_2samp}, {@code chi2_contingency(correction=False)}) and plain Python for the PSI:
 * see src/test/python/drift_reference.py, which builds the same samples from the same integer
 * formulas.
 */
class DriftStatisticsTest {
  @Test
  void ksWithoutTiesMatchesScipyExactly() {
    // given x on odd ten-thousandths, y on thousandths: no shared value
    Samples x = samples(40, i -> (2 * ((i * 7919) % 1000) + 1) / 2000.0);
    Samples y = samples(50, j -> ((j * 7907) % 1000) / 1000.0 + 0.1);
    // when
    DriftDetector.KsResult ks = DriftDetector.kolmogorovSmirnov(x, y);
    // then scipy: D=0.13 p=0.802577221629128
    assertThat(ks.d()).isCloseTo(0.13, within(1e-12));
    assertThat(ks.pValue()).isCloseTo(0.802577221629128, Percentage.withPercentage(1e-7));
  }

  @Test
  void ksWithTiesMatchesScipy() {
    // given small integers, most values shared by both samples
    Samples x = samples(60, i -> i % 7);
    Samples y = samples(45, j -> j % 9);
    // when
    DriftDetector.KsResult ks = DriftDetector.kolmogorovSmirnov(x, y);
    // then scipy: D=0.2222222222222222 p=0.13872209324195223
    assertThat(ks.d()).isCloseTo(0.2222222222222222, within(1e-12));
    assertThat(ks.pValue()).isCloseTo(0.13872209324195223, Percentage.withPercentage(1e-7));
  }

  @Test
  void ksOfLargeShiftedSamplesMatchesScipy() {
    // given 3000 and 2500 values, the second squeezed and moved up
    Samples x = samples(3000, i -> ((i * 7919) % 10000) / 10000.0);
    Samples y = samples(2500, j -> (((j * 7907) % 10000) * 9 / 10 + 1500) / 10000.0);
    // when
    DriftDetector.KsResult ks = DriftDetector.kolmogorovSmirnov(x, y);
    // then scipy: D=0.15 p=3.2306145768871475e-27: tiny, as every p-value at this size
    assertThat(ks.d()).isCloseTo(0.15, within(1e-12));
    assertThat(ks.pValue()).isCloseTo(3.2306145768871475e-27, Percentage.withPercentage(1e-6));
  }

  @Test
  void psiMatchesTheFormula() {
    assertThat(psi(Map.of("16000", 950L, "8000", 50L), Map.of("16000", 400L, "8000", 600L)))
        .isCloseTo(1.8424472480010325, within(1e-12));
    assertThat(
            psi(
                Map.of("wav", 500L, "mp3", 300L, "opus", 200L),
                Map.of("wav", 450L, "mp3", 350L, "opus", 200L)))
        .isCloseTo(0.012975559774254228, within(1e-12));
    // a category only one side has: its share is floored at 1e-4 instead of dividing by zero
    assertThat(psi(Map.of("wav", 1000L), Map.of("wav", 900L, "mp3", 100L)))
        .isCloseTo(0.7006208039360982, within(1e-12));
  }

  @Test
  void categoryPValueIsTheChiSquareTestOfHomogeneity() {
    // given
    RunProfile reference = codecs(Map.of("wav", 500L, "mp3", 300L, "opus", 200L));
    RunProfile current = codecs(Map.of("wav", 450L, "mp3", 350L, "opus", 200L));
    // when
    FeatureDrift codec =
        DriftDetector.withDefaults().compare(reference, current).feature("codec").orElseThrow();
    // then scipy: chi2=6.4777 p=0.03920831659073434 (not below 0.01: not scored)
    assertThat(codec.pValue()).isCloseTo(0.03920831659073434, Percentage.withPercentage(1e-7));
    assertThat(codec.effect()).isCloseTo(0.012975559774254228, within(1e-12));
    assertThat(codec.status()).isEqualTo(FeatureDrift.Status.NOT_SIGNIFICANT);
    assertThat(codec.score()).isZero();
  }

  @Test
  void ratePValueIsTheChiSquareTestOfTheTwoByTwoTable() {
    // given empty transcripts 30 of 1000 in the reference, 55 of 1000 tonight
    RunProfile reference = RunProfile.builder().add(RateFeature.EMPTY_TRANSCRIPT, 30, 1000).build();
    RunProfile current = RunProfile.builder().add(RateFeature.EMPTY_TRANSCRIPT, 55, 1000).build();
    // when
    FeatureDrift empty =
        DriftDetector.withDefaults()
            .compare(reference, current)
            .feature("emptyTranscript")
            .orElseThrow();
    // then scipy: p=0.0055857461875038865; 2.5 points at scale 0.20 score 0.125
    assertThat(empty.pValue()).isCloseTo(0.0055857461875038865, Percentage.withPercentage(1e-7));
    assertThat(empty.effect()).isCloseTo(0.025, within(1e-12));
    assertThat(empty.score()).isCloseTo(0.125, within(1e-12));
    assertThat(empty.status()).isEqualTo(FeatureDrift.Status.SCORED);
  }

  private static Samples samples(int n, IntToDoubleFunction value) {
    double[] values = new double[n];
    for (int i = 1; i <= n; i++) {
      values[i - 1] = value.applyAsDouble(i);
    }
    return Samples.of(values);
  }

  private static double psi(Map<String, Long> reference, Map<String, Long> current) {
    return DriftDetector.populationStabilityIndex(
        new CategoryMix(reference), new CategoryMix(current));
  }

  private static RunProfile codecs(Map<String, Long> counts) {
    RunProfile.Builder builder = RunProfile.builder();
    counts.forEach(
        (codec, count) -> {
          for (long i = 0; i < count; i++) {
            builder.add(CategoricalFeature.CODEC, codec);
          }
        });
    return builder.build();
  }
}
