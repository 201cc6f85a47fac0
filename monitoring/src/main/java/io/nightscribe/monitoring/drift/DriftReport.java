package io.nightscribe.monitoring.drift;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A night compared with its reference: every compared feature, and one score and level per kind.
 *
 * @param features the features present in both profiles, in catalog order
 * @param kinds the drift of each kind; both kinds are always there
 */
public record DriftReport(List<FeatureDrift> features, Map<DriftKind, KindDrift> kinds) {
  public DriftReport {
    features = List.copyOf(features);
    EnumMap<DriftKind, KindDrift> copy = new EnumMap<>(DriftKind.class);
    copy.putAll(kinds);
    for (DriftKind kind : DriftKind.values()) {
      if (!copy.containsKey(kind)) {
        throw new IllegalArgumentException("Invalid drift report: no " + kind.label() + " drift");
      }
    }
    kinds = Collections.unmodifiableMap(copy);
  }

  /** The drift of {@code kind}. */
  public KindDrift kind(DriftKind kind) {
    return kinds.get(kind);
  }

  /** The comparison of the feature with key {@code key}, if it was compared. */
  public java.util.Optional<FeatureDrift> feature(String key) {
    return features.stream().filter(f -> f.feature().equals(key)).findFirst();
  }
}
