package io.nightscribe.runs.drift;

import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.monitoring.drift.CategoricalFeature;
import io.nightscribe.monitoring.drift.NumericFeature;
import io.nightscribe.monitoring.drift.RateFeature;
import io.nightscribe.monitoring.drift.RunProfile;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.InputStatus;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a night's {@link RunProfile} from the ledger rows of its transcribed inputs: duration,
 * sample rate and codec from each row's probe, the rest from its {@link ObjectFeatures}.
 * Quarantined inputs are left out (their reasons are in errors.jsonl and their own metric).
 * Thread-safe.
 */
public final class NightProfiles {
  private final JsonMapper json;

  public NightProfiles(JsonMapper json) {
    this.json = json;
  }

  /** The profile of the transcribed inputs among {@code rows}. */
  public RunProfile profile(List<InputRow> rows) {
    RunProfile.Builder profile = RunProfile.builder();
    for (InputRow row : rows) {
      if (row.status() == InputStatus.TRANSCRIBED) {
        add(profile, row);
      }
    }
    return profile.build();
  }

  private void add(RunProfile.Builder profile, InputRow row) {
    add(
        profile,
        row.audioMillis(),
        row.probe(),
        // empty for inputs recorded before they had features
        row.featuresJson().map(text -> json.readValue(text, ObjectFeatures.class)));
  }

  /**
   * Adds one transcribed input: its decoded duration, what its probe says, and its features. The
   * one place a night's and a reference set's objects become profile values, so the two compare.
   */
  public static void add(
      RunProfile.Builder profile,
      long audioMillis,
      Optional<AudioProbe> probe,
      Optional<ObjectFeatures> objectFeatures) {
    profile.object();
    double seconds = audioMillis / 1000.0;
    profile.add(NumericFeature.INPUT_DURATION_SECONDS, seconds);
    if (probe.isPresent()) {
      profile.add(CategoricalFeature.SAMPLE_RATE_HZ, Integer.toString(probe.get().sampleRateHz()));
      profile.add(CategoricalFeature.CODEC, probe.get().codec());
    }
    if (objectFeatures.isEmpty()) {
      return;
    }
    ObjectFeatures features = objectFeatures.get();
    profile.add(NumericFeature.LOUDNESS_DBFS, features.loudnessDbfs());
    profile.add(NumericFeature.CLIPPING_SHARE, features.clippingShare());
    profile.add(NumericFeature.SPEECH_SHARE, features.speechShare());
    profile.add(RateFeature.EMPTY_TRANSCRIPT, features.words() == 0 ? 1 : 0, 1);
    if (features.confidence() != null) {
      profile.add(NumericFeature.CONFIDENCE, features.confidence());
    }
    if (seconds > 0) {
      profile.add(NumericFeature.WORDS_PER_MINUTE, features.words() / (seconds / 60));
    }
    if (features.outOfVocabularyWords() != null) {
      profile.add(RateFeature.OUT_OF_VOCABULARY, features.outOfVocabularyWords(), features.words());
    }
  }
}
