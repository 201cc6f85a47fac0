package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.chunk.Segmentation;
import io.nightscribe.asr.chunk.TranscriptAssembler;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.transcript.TranscriptRecord;
import io.nightscribe.asr.vad.SpeechDetectors;
import java.util.Iterator;
import java.util.List;

/**
 * Loads a model package into its engine (and the speech detector its settings cut audio with) and
 * transcribes inputs with it: what a night, a replay and a model evaluation share. Thread-safe;
 * each {@link Loaded} model is closed by its caller.
 */
public final class PackageTranscriber {
  private final AsrEngines engines;
  private final SpeechDetectors detectors;
  private final AudioDecoder decoder;
  private final ExecutorSettings threads;

  /**
   * @param detectors the speech detectors settings that cut at pauses may name
   * @param threads how many engine workers and decoder threads; each loaded model puts its workers
   *     on the devices it chooses ({@link AsrModel#devicesFor})
   */
  public PackageTranscriber(
      AsrEngines engines,
      SpeechDetectors detectors,
      AudioDecoder decoder,
      ExecutorSettings threads) {
    this.engines = engines;
    this.detectors = detectors;
    this.decoder = decoder;
    this.threads = threads;
  }

  /**
   * Loads {@code model}, and the speech detector {@code decoding} cuts with; transcripts it makes
   * are stamped with its identity and {@code configHash}.
   *
   * @throws io.nightscribe.asr.NightscribeException CONFIGURATION when the model's engine or the
   *     detector is not installed, or either does not load
   */
  public Loaded load(ModelPackage model, DecodingSettings decoding, String configHash) {
    AsrModel loaded = engines.load(model);
    try {
      return new Loaded(loaded, Segmentation.of(decoding, detectors), model, decoding, configHash);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }

  /** A loaded model, ready to transcribe. */
  public final class Loaded implements AutoCloseable {
    private final AsrModel model;
    private final Segmentation segmentation;
    private final TranscriptFactory transcripts;
    private final DecodingSettings decoding;
    private final ExecutorSettings modelThreads;

    private Loaded(
        AsrModel model,
        Segmentation segmentation,
        ModelPackage modelPackage,
        DecodingSettings decoding,
        String configHash) {
      this.model = model;
      this.segmentation = segmentation;
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

    /** GPUs the engine can use here (0 on the CPU only). */
    public int gpuCount() {
      return model.gpuCount();
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
      run(store, inputs, sink, PipelineObserver.NONE);
    }

    /** As {@link #run}, telling {@code observer} where the time goes. */
    public void run(
        ObjectStore store,
        Iterator<TranscriptionInput> inputs,
        OutcomeSink sink,
        PipelineObserver observer) {
      run(store, inputs, sink, modelThreads.devices(), observer);
    }

    /**
     * As {@link #run}, with one engine worker on each of {@code workerDevices} instead of the
     * devices the model chose: a Spark task runs on the GPU its cluster assigned it.
     */
    public void run(
        ObjectStore store,
        Iterator<TranscriptionInput> inputs,
        OutcomeSink sink,
        List<ComputeDevice> workerDevices) {
      run(store, inputs, sink, workerDevices, PipelineObserver.NONE);
    }

    /** As {@link #run(ObjectStore, Iterator, OutcomeSink, List)}, telling {@code observer}. */
    public void run(
        ObjectStore store,
        Iterator<TranscriptionInput> inputs,
        OutcomeSink sink,
        List<ComputeDevice> workerDevices,
        PipelineObserver observer) {
      new TranscriptionExecutor(
              store,
              decoder,
              model,
              transcripts,
              decoding,
              segmentation,
              threads.onDevices(workerDevices),
              observer)
          .run(inputs, sink);
    }

    @Override
    public void close() {
      try {
        segmentation.close();
      } finally {
        model.close();
      }
    }
  }
}
