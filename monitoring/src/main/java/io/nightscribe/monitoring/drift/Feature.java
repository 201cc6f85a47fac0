package io.nightscribe.monitoring.drift;

/** A feature of a run profile: its key in the profile's JSON and the kind of drift it feeds. */
public interface Feature {
  /** The key in profile JSON and in drift reports, e.g. {@code loudnessDbfs}. */
  String key();

  /** Whether the feature describes the input (data) or the model's output (prediction). */
  DriftKind kind();
}
