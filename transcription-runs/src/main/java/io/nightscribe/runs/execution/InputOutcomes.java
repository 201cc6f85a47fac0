package io.nightscribe.runs.execution;

import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.drift.ObjectFeatures;
import io.nightscribe.runs.drift.Vocabulary;
import io.nightscribe.runs.layout.TranscriptWriter;
import io.nightscribe.runs.ledger.InputOutcome;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settles what the executor made of an input: writes a transcript to its place in the layout and
 * says what the ledger must record. The one way an outcome becomes a record, whether the run's own
 * process records it at once or a Spark task sends it to the driver. Thread-safe.
 */
public final class InputOutcomes {
  private final TranscriptWriter writer;
  private final JsonMapper json;
  private final Optional<Vocabulary> vocabulary;

  /** Settles outcomes without an out-of-vocabulary count (the model's word list is not at hand). */
  public InputOutcomes(TranscriptWriter writer, JsonMapper json) {
    this(writer, json, Optional.empty());
  }

  /**
   * @param vocabulary the model's word list, for each transcript's out-of-vocabulary count
   */
  public InputOutcomes(TranscriptWriter writer, JsonMapper json, Optional<Vocabulary> vocabulary) {
    this.writer = writer;
    this.json = json;
    this.vocabulary = vocabulary;
  }

  /**
   * Writes a transcribed input's transcript into {@code transcripts}; returns its record. An input
   * whose transcript's name the store cannot hold is quarantined at stage "write" instead.
   */
  public InputOutcome settle(TranscriptionOutcome outcome, StorageUri transcripts) {
    if (outcome instanceof TranscriptionOutcome.Transcribed done) {
      Optional<String> refusal = writer.refusal(transcripts, done.input().key());
      if (refusal.isPresent()) {
        return InputOutcome.quarantined(
            done.input().key(), Optional.of(done.entry().sha256()), refusal.get(), "write");
      }
      TranscriptWriter.Written written =
          writer.write(transcripts, done.input().key(), done.transcript());
      InputEntry entry = done.entry();
      return InputOutcome.transcribed(
          entry.key(),
          entry.sizeBytes(),
          entry.etag(),
          entry.versionId(),
          entry.sha256(),
          json.writeValueAsString(entry.probe().orElseThrow()),
          done.transcript().source().durationMillis(),
          written.outputKey(),
          written.sha256(),
          json.writeValueAsString(ObjectFeatures.of(done, vocabulary)));
    }
    var bad = (TranscriptionOutcome.Quarantined) outcome;
    return InputOutcome.quarantined(
        bad.input().key(), bad.entry().map(InputEntry::sha256), bad.reason(), bad.stage());
  }
}
