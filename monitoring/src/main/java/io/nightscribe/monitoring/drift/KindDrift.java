package io.nightscribe.monitoring.drift;

import java.util.Objects;
import java.util.Optional;

/**
 * The drift of one kind (data or prediction): the largest score among its features.
 *
 * @param kind data or prediction
 * @param score 0-1, the largest feature score of the kind (0 when none was scored)
 * @param level the level {@code score} reaches
 * @param decidedBy the key of the feature with that score, empty when the score is 0
 * @param comparedFeatures features of the kind present in both profiles with enough samples
 */
public record KindDrift(
    DriftKind kind,
    double score,
    DriftLevel level,
    Optional<String> decidedBy,
    int comparedFeatures) {
  public KindDrift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(decidedBy, "decidedBy");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("Invalid drift score: " + score);
    }
  }
}
