package io.nightscribe.runs.drift;

import io.nightscribe.monitoring.drift.RunProfile;

/** Adds a whole profile to a builder: several nights' profiles make one baseline. */
final class ProfileMerge {
  private ProfileMerge() {}

  static void add(RunProfile.Builder builder, RunProfile profile) {
    for (long i = 0; i < profile.objects(); i++) {
      builder.object();
    }
    profile
        .numeric()
        .forEach(
            (feature, samples) -> {
              for (double value : samples.values()) {
                builder.add(feature, value);
              }
            });
    profile
        .categorical()
        .forEach(
            (feature, mix) ->
                mix.counts()
                    .forEach(
                        (category, count) -> {
                          for (long i = 0; i < count; i++) {
                            builder.add(feature, category);
                          }
                        }));
    profile.rates().forEach((feature, rate) -> builder.add(feature, rate.events(), rate.trials()));
  }
}
