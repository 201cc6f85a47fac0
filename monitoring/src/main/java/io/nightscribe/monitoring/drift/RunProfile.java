package io.nightscribe.monitoring.drift;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a run's objects looked like, feature by feature: numeric samples, category mixes and rates.
 * A profile of a reference set (the model's validation data, or a chosen good night) travels with
 * the model package as canonical JSON ({@link ProfileJson}); each night's profile is compared with
 * it by {@link DriftDetector}. A feature may be absent (not measured); absent features are not
 * compared.
 *
 * @param objects input objects the profile was built from
 * @param numeric samples per numeric feature (at most {@link Builder#MAX_SAMPLES} each)
 * @param categorical category counts per categorical feature
 * @param rates events among trials per rate feature
 */
public record RunProfile(
    long objects,
    Map<NumericFeature, Samples> numeric,
    Map<CategoricalFeature, CategoryMix> categorical,
    Map<RateFeature, Rate> rates) {
  public RunProfile {
    if (objects < 0) {
      throw new IllegalArgumentException("Invalid run profile: " + objects + " objects");
    }
    numeric = copy(numeric, NumericFeature.class);
    categorical = copy(categorical, CategoricalFeature.class);
    rates = copy(rates, RateFeature.class);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  private static <K extends Enum<K>, V> Map<K, V> copy(Map<K, V> map, Class<K> type) {
    EnumMap<K, V> copy = new EnumMap<>(type);
    map.forEach(
        (key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Collects a run's per-object values. Numeric features keep every value until {@link #build()},
   * which thins a feature of more than {@link #MAX_SAMPLES} values to that many evenly spaced
   * quantiles: the result depends on the multiset of values only, never on the order objects were
   * finished in, and its empirical distribution is within 1/{@value #MAX_SAMPLES} of the full one
   * everywhere (so the KS distance moves by at most that much). Not thread-safe: one builder per
   * run, fed by the thread that records outcomes.
   */
  public static final class Builder {
    /** Samples kept per numeric feature. */
    public static final int MAX_SAMPLES = 5000;

    private final Map<NumericFeature, double[]> values = new EnumMap<>(NumericFeature.class);
    private final Map<NumericFeature, Integer> sizes = new EnumMap<>(NumericFeature.class);
    private final Map<CategoricalFeature, Map<String, Long>> categories =
        new EnumMap<>(CategoricalFeature.class);
    private final Map<RateFeature, Rate> rates = new EnumMap<>(RateFeature.class);
    private long objects;

    private Builder() {}

    /** One more input object profiled. */
    public Builder object() {
      objects++;
      return this;
    }

    /** One object's value of a numeric feature. */
    public Builder add(NumericFeature feature, double value) {
      double rounded = Samples.round(value);
      int size = sizes.getOrDefault(feature, 0);
      double[] array = values.computeIfAbsent(feature, unused -> new double[64]);
      if (size == array.length) {
        array = Arrays.copyOf(array, size * 2);
        values.put(feature, array);
      }
      array[size] = rounded;
      sizes.put(feature, size + 1);
      return this;
    }

    /** One object's category of a categorical feature. */
    public Builder add(CategoricalFeature feature, String category) {
      if (category == null || category.isEmpty()) {
        throw new IllegalArgumentException("Invalid category of " + feature.key() + ": empty");
      }
      categories.computeIfAbsent(feature, unused -> new HashMap<>()).merge(category, 1L, Long::sum);
      return this;
    }

    /** {@code events} among {@code trials} more, e.g. 1 empty transcript among 1 object. */
    public Builder add(RateFeature feature, long events, long trials) {
      rates.merge(feature, new Rate(events, trials), Rate::plus);
      return this;
    }

    /** The profile of everything added. */
    public RunProfile build() {
      Map<NumericFeature, Samples> numeric = new EnumMap<>(NumericFeature.class);
      values.forEach(
          (feature, array) -> {
            double[] all = Arrays.copyOf(array, sizes.get(feature));
            Arrays.sort(all);
            numeric.put(feature, Samples.of(thin(all)));
          });
      Map<CategoricalFeature, CategoryMix> mixes = new EnumMap<>(CategoricalFeature.class);
      categories.forEach((feature, counts) -> mixes.put(feature, new CategoryMix(counts)));
      return new RunProfile(objects, numeric, mixes, rates);
    }

    private static double[] thin(double[] sorted) {
      if (sorted.length <= MAX_SAMPLES) {
        return sorted;
      }
      double[] kept = new double[MAX_SAMPLES];
      for (int i = 0; i < MAX_SAMPLES; i++) {
        // the midpoint quantile (i + 0.5) / MAX_SAMPLES of the full sample
        kept[i] = sorted[(int) ((i + 0.5) * sorted.length / MAX_SAMPLES)];
      }
      return kept;
    }
  }
}
