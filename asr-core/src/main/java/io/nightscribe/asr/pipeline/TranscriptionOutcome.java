package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.audio.AudioLevels;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.transcript.TranscriptRecord;
import java.util.Objects;
import java.util.Optional;

/** What became of one input: a transcript, or quarantine with a reason. */
public sealed interface TranscriptionOutcome {

  TranscriptionInput input();

  /**
   * The input was transcribed.
   *
   * @param input the input
   * @param entry the input as read: ETag, versionId, sha256, probe
   * @param transcript its transcript
   * @param levels how its decoded audio sounded (for the run's drift profile, never for outputs)
   */
  record Transcribed(
      TranscriptionInput input, InputEntry entry, TranscriptRecord transcript, AudioLevels levels)
      implements TranscriptionOutcome {
    public Transcribed {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(transcript, "transcript");
      Objects.requireNonNull(levels, "levels");
    }
  }

  /**
   * The input is bad and was set aside.
   *
   * @param input the input
   * @param entry the input as far as it could be read (empty when it could not be opened)
   * @param reason one line saying what is wrong
   * @param stage where it failed: "read", "decode" or "transcribe", or the decode budget limit it
   *     broke: "too_large" or "timeout". Every stage is a label value of the monitoring module's
   *     quarantine reason, so metrics count it by stage while the reason text stays specific
   */
  record Quarantined(
      TranscriptionInput input, Optional<InputEntry> entry, String reason, String stage)
      implements TranscriptionOutcome {
    public Quarantined {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(stage, "stage");
    }
  }
}
