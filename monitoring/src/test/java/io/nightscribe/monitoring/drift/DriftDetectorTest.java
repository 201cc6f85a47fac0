package io.nightscribe.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  private final DriftDetector detector = DriftDetector.withDefaults();

  @Test
  void identicalProfilesScoreZero() {
    // given
    RunProfile reference = night(1, 2000, 0.05, 0.0);
    // when
    DriftReport report = detector.compare(reference, night(1, 2000, 0.05, 0.0));
    // then
    for (DriftKind kind : DriftKind.values()) {
      assertThat(report.kind(kind).score()).as(kind.label()).isZero();
      assertThat(report.kind(kind).level()).isEqualTo(DriftLevel.OK);
      assertThat(report.kind(kind).decidedBy()).isEmpty();
    }
    assertThat(report.kind(DriftKind.DATA).comparedFeatures()).isEqualTo(6);
    assertThat(report.kind(DriftKind.PREDICTION).comparedFeatures()).isEqualTo(4);
    assertThat(report.feature("confidence").orElseThrow().effect()).isZero();
    assertThat(report.feature("confidence").orElseThrow().pValue()).isEqualTo(1.0);
  }

  @Test
  void anotherNightFromTheSameDistributionsStaysBelowWarn() {
    // given two independent draws of 2000 objects from the same distributions
    RunProfile reference = night(1, 2000, 0.05, 0.0);
    RunProfile current = night(2, 2000, 0.05, 0.0);
    // when
    DriftReport report = detector.compare(reference, current);
    // then sampling noise (D around 0.03 at this size) stays under 0.10
    assertThat(report.kind(DriftKind.DATA).score()).isLessThan(0.10);
    assertThat(report.kind(DriftKind.PREDICTION).score()).isLessThan(0.10);
    assertThat(report.kind(DriftKind.DATA).level()).isEqualTo(DriftLevel.OK);
    assertThat(report.kind(DriftKind.PREDICTION).level()).isEqualTo(DriftLevel.OK);
  }

  @Test
  void aSwitchToTelephoneAudioIsDataDriftAboveAlert() {
    // given 5% of 8 kHz audio in the reference, 60% tonight; nothing else moves
    RunProfile reference = night(1, 2000, 0.05, 0.0);
    RunProfile current = night(2, 2000, 0.60, 0.0);
    // when
    DriftReport report = detector.compare(reference, current);
    // then the sample rate mix alone decides (PSI 1.77, capped at 1)
    KindDrift data = report.kind(DriftKind.DATA);
    assertThat(data.score()).isGreaterThan(DriftThresholds.DEFAULTS.alert());
    assertThat(data.level()).isEqualTo(DriftLevel.RETRAIN);
    assertThat(data.decidedBy()).contains("sampleRateHz");
    FeatureDrift rate = report.feature("sampleRateHz").orElseThrow();
    assertThat(rate.statistic()).isEqualTo(Statistic.POPULATION_STABILITY_INDEX);
    assertThat(rate.effect()).isGreaterThan(1.0);
    assertThat(rate.pValue()).isLessThan(1e-100);
    assertThat(report.kind(DriftKind.PREDICTION).level()).isEqualTo(DriftLevel.OK);
  }

  @Test
  void confidenceShiftedDownIsPredictionDriftAboveAlert() {
    // given tonight's confidences 0.12 lower (about one standard deviation)
    RunProfile reference = night(1, 2000, 0.05, 0.0);
    RunProfile current = night(2, 2000, 0.05, 0.12);
    // when
    DriftReport report = detector.compare(reference, current);
    // then
    KindDrift prediction = report.kind(DriftKind.PREDICTION);
    assertThat(prediction.score()).isGreaterThan(DriftThresholds.DEFAULTS.alert());
    assertThat(prediction.level()).isIn(DriftLevel.ALERT, DriftLevel.RETRAIN);
    assertThat(prediction.decidedBy()).contains("confidence");
    FeatureDrift confidence = report.feature("confidence").orElseThrow();
    assertThat(confidence.statistic()).isEqualTo(Statistic.KOLMOGOROV_SMIRNOV);
    assertThat(confidence.score()).isEqualTo(confidence.effect());
    assertThat(report.kind(DriftKind.DATA).level()).isEqualTo(DriftLevel.OK);
  }

  @Test
  void aLargeDistanceOnAFewObjectsIsNotSignificant() {
    // given 40 objects a side, confidences a third of a standard deviation apart
    RunProfile reference = night(1, 40, 0.05, 0.0);
    RunProfile current = night(2, 40, 0.05, 0.04);
    // when
    FeatureDrift confidence =
        detector.compare(reference, current).feature("confidence").orElseThrow();
    // then D (0.20) is above warn by chance, but the p-value (0.40) keeps it out of the score
    assertThat(confidence.effect()).isGreaterThan(DriftThresholds.DEFAULTS.warn());
    assertThat(confidence.pValue()).isGreaterThanOrEqualTo(0.01);
    assertThat(confidence.status()).isEqualTo(FeatureDrift.Status.NOT_SIGNIFICANT);
    assertThat(confidence.score()).isZero();
  }

  @Test
  void featuresWithTooFewSamplesAreReportedButNotCompared() {
    // given
    RunProfile reference = night(1, 2000, 0.05, 0.0);
    RunProfile current = night(2, 10, 0.05, 0.5);
    // when
    DriftReport report = detector.compare(reference, current);
    // then
    FeatureDrift confidence = report.feature("confidence").orElseThrow();
    assertThat(confidence.status()).isEqualTo(FeatureDrift.Status.TOO_FEW_SAMPLES);
    assertThat(confidence.effect()).isNaN();
    assertThat(confidence.currentCount()).isEqualTo(10);
    // only the out-of-vocabulary rate, counted over words (10 objects x 50), has enough
    assertThat(report.kind(DriftKind.PREDICTION).comparedFeatures()).isEqualTo(1);
    assertThat(report.kind(DriftKind.PREDICTION).level()).isEqualTo(DriftLevel.OK);
  }

  @Test
  void featuresMissingOnOneSideAreNotCompared() {
    // given a reference without output features (built from audio only)
    RunProfile reference =
        RunProfile.builder()
            .add(CategoricalFeature.CODEC, "wav")
            .add(RateFeature.OUT_OF_VOCABULARY, 1, 2)
            .build();
    RunProfile current = night(2, 100, 0.05, 0.0);
    // when
    DriftReport report = detector.compare(reference, current);
    // then
    assertThat(report.features())
        .extracting(FeatureDrift::feature)
        .containsExactly("codec", "outOfVocabulary");
  }

  @Test
  void levelsFollowTheThresholds() {
    DriftThresholds thresholds = DriftThresholds.DEFAULTS;
    assertThat(thresholds.levelOf(0.0)).isEqualTo(DriftLevel.OK);
    assertThat(thresholds.levelOf(0.10)).isEqualTo(DriftLevel.OK);
    assertThat(thresholds.levelOf(0.1001)).isEqualTo(DriftLevel.WARN);
    assertThat(thresholds.levelOf(0.25)).isEqualTo(DriftLevel.WARN);
    assertThat(thresholds.levelOf(0.26)).isEqualTo(DriftLevel.ALERT);
    assertThat(thresholds.levelOf(0.51)).isEqualTo(DriftLevel.RETRAIN);
    assertThat(new DriftThresholds(0.2, 0.4, 0.8).levelOf(0.3)).isEqualTo(DriftLevel.WARN);
  }

  @Test
  void defaultsArePinned() {
    assertThat(DriftThresholds.DEFAULTS).isEqualTo(new DriftThresholds(0.10, 0.25, 0.50));
    assertThat(DriftSettings.DEFAULTS)
        .isEqualTo(new DriftSettings(DriftThresholds.DEFAULTS, 0.01, 30, 0.20));
    assertThat(DriftDetector.PSI_FLOOR).isEqualTo(1e-4);
    assertThat(RunProfile.Builder.MAX_SAMPLES).isEqualTo(5000);
  }

  @Test
  void refusesInconsistentSettings() {
    assertThatThrownBy(() -> new DriftThresholds(0.3, 0.2, 0.5))
        .hasMessage(
            "Invalid drift thresholds: need 0 <= warn <= alert <= retrain <= 1, got 0.3, 0.2, 0.5");
    assertThatThrownBy(() -> new DriftSettings(DriftThresholds.DEFAULTS, 0.01, 1, 0.2))
        .hasMessage("Invalid drift minimum sample size: 1 (at least 2)");
  }

  /**
   * A night of {@code objects} objects: durations, loudness, speech and clipping shares, sample
   * rates (a share of them 8 kHz), codecs, confidences (lowered by {@code confidenceDrop}), words
   * per minute, empty transcripts and out-of-vocabulary words, drawn with {@code seed}.
   */
  static RunProfile night(long seed, int objects, double share8k, double confidenceDrop) {
    SplittableRandom random = new SplittableRandom(seed);
    RunProfile.Builder builder = RunProfile.builder();
    String[] codecs = {"mp3", "mp3", "mp3", "opus", "pcm_s16le"};
    for (int i = 0; i < objects; i++) {
      builder.object();
      builder.add(NumericFeature.INPUT_DURATION_SECONDS, 30 + 600 * random.nextDouble());
      builder.add(NumericFeature.LOUDNESS_DBFS, -24 + 4 * gaussian(random));
      builder.add(NumericFeature.SPEECH_SHARE, 0.5 + 0.4 * random.nextDouble());
      builder.add(
          NumericFeature.CLIPPING_SHARE,
          random.nextDouble() < 0.9 ? 0 : 0.01 * random.nextDouble());
      builder.add(
          CategoricalFeature.SAMPLE_RATE_HZ, random.nextDouble() < share8k ? "8000" : "16000");
      builder.add(CategoricalFeature.CODEC, codecs[random.nextInt(codecs.length)]);
      double confidence = 0.85 + 0.1 * gaussian(random) - confidenceDrop;
      builder.add(NumericFeature.CONFIDENCE, Math.max(0, Math.min(1, confidence)));
      builder.add(NumericFeature.WORDS_PER_MINUTE, 140 + 20 * gaussian(random));
      builder.add(RateFeature.EMPTY_TRANSCRIPT, random.nextDouble() < 0.02 ? 1 : 0, 1);
      builder.add(RateFeature.OUT_OF_VOCABULARY, random.nextInt(4), 50);
    }
    return builder.build();
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
