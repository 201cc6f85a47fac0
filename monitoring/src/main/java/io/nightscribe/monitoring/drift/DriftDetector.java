package io.nightscribe.monitoring.drift;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Compares a night's profile with a reference profile and scores the drift of each kind.
 *
 * <p>Per feature present in both profiles: an effect size and a p-value ({@link Statistic}); the
 * effect is mapped onto [0, 1] and counts only when the p-value is below the significance and both
 * sides have enough samples ({@link DriftSettings}). The score of a kind is the largest score among
 * its features, so one feature that moved is enough: an average would let five steady features hide
 * a switch from 16 kHz to 8 kHz audio. The level follows from the thresholds.
 *
 * <p>Stateless and thread-safe.
 */
public final class DriftDetector {
  /** Floor of a category's share in the PSI, so that a category new on one side stays finite. */
  public static final double PSI_FLOOR = 1e-4;

  private static final KolmogorovSmirnovTest KS = KolmogorovSmirnovTest.withDefaults();
  private static final ChiSquareTest CHI_SQUARE = ChiSquareTest.withDefaults();

  private final DriftSettings settings;

  public DriftDetector(DriftSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A detector with {@link DriftSettings#DEFAULTS}. */
  public static DriftDetector withDefaults() {
    return new DriftDetector(DriftSettings.DEFAULTS);
  }

  /** How {@code current} moved away from {@code reference}. */
  public DriftReport compare(RunProfile reference, RunProfile current) {
    List<FeatureDrift> features = new ArrayList<>();
    for (NumericFeature feature : NumericFeature.values()) {
      Samples ref = reference.numeric().get(feature);
      Samples cur = current.numeric().get(feature);
      if (ref != null && cur != null) {
        features.add(numeric(feature, ref, cur));
      }
    }
    for (CategoricalFeature feature : CategoricalFeature.values()) {
      CategoryMix ref = reference.categorical().get(feature);
      CategoryMix cur = current.categorical().get(feature);
      if (ref != null && cur != null) {
        features.add(categorical(feature, ref, cur));
      }
    }
    for (RateFeature feature : RateFeature.values()) {
      Rate ref = reference.rates().get(feature);
      Rate cur = current.rates().get(feature);
      if (ref != null && cur != null) {
        features.add(rate(feature, ref, cur));
      }
    }
    Map<DriftKind, KindDrift> kinds = new EnumMap<>(DriftKind.class);
    for (DriftKind kind : DriftKind.values()) {
      kinds.put(kind, combine(kind, features));
    }
    return new DriftReport(features, kinds);
  }

  /** Two-sample KS distance D and its p-value. */
  public static KsResult kolmogorovSmirnov(Samples reference, Samples current) {
    KolmogorovSmirnovTest.TwoResult result = KS.test(reference.sorted(), current.sorted());
    return new KsResult(result.getStatistic(), result.getPValue());
  }

  /** The population stability index of two category mixes, shares floored at {@link #PSI_FLOOR}. */
  public static double populationStabilityIndex(CategoryMix reference, CategoryMix current) {
    double refTotal = reference.total();
    double curTotal = current.total();
    double psi = 0;
    for (String category : categories(reference, current)) {
      double r = Math.max(reference.count(category) / refTotal, PSI_FLOOR);
      double c = Math.max(current.count(category) / curTotal, PSI_FLOOR);
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }

  /**
   * The result of a two-sample KS test.
   *
   * @param d the largest distance between the two empirical distribution functions, 0-1
   * @param pValue the probability of a distance at least {@code d} were both samples drawn from one
   *     distribution
   */
  public record KsResult(double d, double pValue) {}

  private FeatureDrift numeric(NumericFeature feature, Samples ref, Samples cur) {
    if (tooFew(ref.size(), cur.size())) {
      return tooFew(feature, Statistic.KOLMOGOROV_SMIRNOV, ref.size(), cur.size());
    }
    KsResult ks = kolmogorovSmirnov(ref, cur);
    return scored(
        feature, Statistic.KOLMOGOROV_SMIRNOV, ks.d(), ks.pValue(), ks.d(), ref.size(), cur.size());
  }

  private FeatureDrift categorical(CategoricalFeature feature, CategoryMix ref, CategoryMix cur) {
    if (tooFew(ref.total(), cur.total())) {
      return tooFew(feature, Statistic.POPULATION_STABILITY_INDEX, ref.total(), cur.total());
    }
    double psi = populationStabilityIndex(ref, cur);
    List<String> categories = new ArrayList<>(categories(ref, cur));
    double p = 1;
    if (categories.size() >= 2) {
      long[][] table = new long[2][categories.size()];
      for (int i = 0; i < categories.size(); i++) {
        table[0][i] = ref.count(categories.get(i));
        table[1][i] = cur.count(categories.get(i));
      }
      p = CHI_SQUARE.test(table).getPValue();
    }
    return scored(
        feature,
        Statistic.POPULATION_STABILITY_INDEX,
        psi,
        p,
        Math.min(1, psi),
        ref.total(),
        cur.total());
  }

  private FeatureDrift rate(RateFeature feature, Rate ref, Rate cur) {
    if (tooFew(ref.trials(), cur.trials())) {
      return tooFew(feature, Statistic.ABSOLUTE_DIFFERENCE, ref.trials(), cur.trials());
    }
    double difference = Math.abs(cur.value() - ref.value());
    long events = ref.events() + cur.events();
    long nonEvents = ref.trials() - ref.events() + cur.trials() - cur.events();
    double p = 1;
    if (events > 0 && nonEvents > 0) {
      SignificanceResult result =
          CHI_SQUARE.test(
              new long[][] {
                {ref.events(), ref.trials() - ref.events()},
                {cur.events(), cur.trials() - cur.events()}
              });
      p = result.getPValue();
    }
    return scored(
        feature,
        Statistic.ABSOLUTE_DIFFERENCE,
        difference,
        p,
        Math.min(1, difference / settings.rateScale()),
        ref.trials(),
        cur.trials());
  }

  private boolean tooFew(long reference, long current) {
    return reference < settings.minSamples() || current < settings.minSamples();
  }

  private static FeatureDrift tooFew(Feature feature, Statistic statistic, long ref, long cur) {
    return new FeatureDrift(
        feature.key(),
        feature.kind(),
        statistic,
        Double.NaN,
        Double.NaN,
        0,
        ref,
        cur,
        FeatureDrift.Status.TOO_FEW_SAMPLES);
  }

  private FeatureDrift scored(
      Feature feature,
      Statistic statistic,
      double effect,
      double pValue,
      double mapped,
      long ref,
      long cur) {
    boolean significant = pValue < settings.significance();
    return new FeatureDrift(
        feature.key(),
        feature.kind(),
        statistic,
        effect,
        pValue,
        significant ? clamp(mapped) : 0,
        ref,
        cur,
        significant ? FeatureDrift.Status.SCORED : FeatureDrift.Status.NOT_SIGNIFICANT);
  }

  private KindDrift combine(DriftKind kind, List<FeatureDrift> features) {
    double score = 0;
    Optional<String> decidedBy = Optional.empty();
    int compared = 0;
    for (FeatureDrift feature : features) {
      if (feature.kind() != kind || feature.status() == FeatureDrift.Status.TOO_FEW_SAMPLES) {
        continue;
      }
      compared++;
      if (feature.score() > score) {
        score = feature.score();
        decidedBy = Optional.of(feature.feature());
      }
    }
    return new KindDrift(kind, score, settings.thresholds().levelOf(score), decidedBy, compared);
  }

  private static TreeSet<String> categories(CategoryMix reference, CategoryMix current) {
    TreeSet<String> categories = new TreeSet<>(reference.counts().keySet());
    categories.addAll(current.counts().keySet());
    return categories;
  }

  private static double clamp(double score) {
    return Math.max(0, Math.min(1, score));
  }
}
