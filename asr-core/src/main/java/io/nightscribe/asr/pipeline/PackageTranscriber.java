package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.chunk.TranscriptAssembler;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.transcript.TranscriptRecord;
import java.util.Iterator;
import java.util.List;

/**
 * Loads a model package into its engine and transcribes inputs with it: what a night, a replay and
 * a model evaluation share. Thread-safe; each {@link Loaded} model is closed by its caller.
 */
public final class PackageTranscriber {
  private final AsrEngines engines;
  private final AudioDecoder decoder;
  private final ExecutorSettings threads;

  /**
   * @param threads how many engine workers and decoder threads; each loaded model puts its workers
   *     on the devices it chooses ({@link AsrModel#devicesFor})
   */
  public PackageTranscriber(AsrEngines engines, AudioDecoder decoder, ExecutorSettings threads) {
    this.engines = engines;
    this.decoder = decoder;
    this.threads = threads;
  }

  /**
   * Loads {@code model}; transcripts it makes are stamped with its identity and {@code configHash}.
   */
  public Loaded load(ModelPackage model, DecodingSettings decoding, String configHash) {
    return new Loaded(engines.load(model), model, decoding, configHash);
  }

  /** A loaded model, ready to transcribe. */
  public final class Loaded implements AutoCloseable {
    private final AsrModel model;
    private final TranscriptFactory transcripts;
    private final DecodingSettings decoding;
    private final ExecutorSettings modelThreads;

    private Loaded(
        AsrModel model, ModelPackage modelPackage, DecodingSettings decoding, String configHash) {
      this.model = model;
      this.decoding = decoding;
      // the model knows which devices it can use (GPUs when CUDA is present); the settings say how
      // many workers
      this.modelThreads = threads.onDevices(model.devicesFor(threads.devices().size()));
      this.transcripts =
          new TranscriptFactory(
              new TranscriptRecord.ModelIdentity(
                  modelPackage.name(), modelPackage.version(), modelPackage.sha256()),
              configHash,
              new TranscriptAssembler());
    }

    /** The engine and native library versions, for run records. */
    public String engineVersion() {
      return model.engineVersion();
    }

    /** The device of each engine worker, for logs and run records. */
    public List<ComputeDevice> devices() {
      return modelThreads.devices();
    }

    /**
     * Transcribes every input read from {@code store}, handing each outcome to {@code sink} as it
     * arrives (from several threads).
     */
    public void run(ObjectStore store, Iterator<TranscriptionInput> inputs, OutcomeSink sink) {
      new TranscriptionExecutor(store, decoder, model, transcripts, decoding, modelThreads)
          .run(inputs, sink);
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
