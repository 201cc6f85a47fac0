package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.chunk.TranscriptAssembler;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.transcript.TranscriptRecord;
import java.util.List;
import java.util.Objects;

/**
 * Builds the canonical transcript of one input from its chunk answers, stamped with the model and
 * config hash of the run. Thread-safe.
 */
public final class TranscriptFactory {
  private final TranscriptRecord.ModelIdentity model;
  private final String configHash;
  private final TranscriptAssembler assembler;

  public TranscriptFactory(
      TranscriptRecord.ModelIdentity model, String configHash, TranscriptAssembler assembler) {
    this.model = Objects.requireNonNull(model, "model");
    this.configHash = Objects.requireNonNull(configHash, "configHash");
    this.assembler = Objects.requireNonNull(assembler, "assembler");
  }

  TranscriptRecord create(
      TranscriptionInput input,
      InputEntry entry,
      long decodedMillis,
      List<ChunkHypothesis> answers) {
    var probe = entry.probe().orElseThrow();
    var source =
        new TranscriptRecord.Source(
            input.uri().toString(),
            entry.versionId(),
            entry.sha256(),
            decodedMillis,
            probe.codec(),
            probe.sampleRateHz(),
            probe.channels());
    return new TranscriptRecord(source, model, configHash, assembler.assemble(answers));
  }
}
