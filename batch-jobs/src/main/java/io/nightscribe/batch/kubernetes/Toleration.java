package io.nightscribe.batch.kubernetes;

import java.util.Objects;

/**
 * A pod toleration of a node taint, as Kubernetes spells it.
 *
 * @param key the taint's key ("nvidia.com/gpu"); empty with {@code Exists} tolerates every taint
 * @param operator {@code Exists} or {@code Equal}
 * @param value the taint's value, for {@code Equal}; empty otherwise
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}; empty for all
 */
public record Toleration(String key, String operator, String value, String effect) {
  public Toleration {
    key = Objects.requireNonNullElse(key, "");
    operator = Objects.requireNonNullElse(operator, "Equal");
    value = Objects.requireNonNullElse(value, "");
    effect = Objects.requireNonNullElse(effect, "");
    if (!operator.equals("Exists") && !operator.equals("Equal")) {
      throw new IllegalArgumentException(
          "toleration operator '" + operator + "' is neither Exists nor Equal");
    }
    if (operator.equals("Exists") && !value.isEmpty()) {
      throw new IllegalArgumentException(
          "toleration of '" + key + "' has operator Exists and a value: drop the value");
    }
    if (!effect.isEmpty()
        && !effect.equals("NoSchedule")
        && !effect.equals("PreferNoSchedule")
        && !effect.equals("NoExecute")) {
      throw new IllegalArgumentException(
          "toleration effect '" + effect + "' is none of NoSchedule, PreferNoSchedule, NoExecute");
    }
  }

  /** The taint GPU nodes commonly carry (NVIDIA's GPU operator, the clouds' GPU node pools). */
  public static final Toleration NVIDIA_GPU =
      new Toleration("nvidia.com/gpu", "Exists", "", "NoSchedule");
}
