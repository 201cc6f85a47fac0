package io.nightscribe.asr.vad.silero;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.vad.SpeechModel;
import io.nightscribe.asr.vad.SpeechScorer;

/**
 * The Silero sequence model in one ONNX Runtime session, shared by every scorer: a session runs
 * concurrent calls safely. One thread per call, because decoder threads score several sources at
 * once and the model is small. Thread-safe; closed by whoever loaded it.
 */
final class SileroModel implements SpeechModel {
  static final int FRAME_SAMPLES = 512;
  static final int CONTEXT_SAMPLES = 64;
  static final int STATE_SIZE = 128;

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  SileroModel(byte[] model) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      this.session = environment.createSession(model, options);
    } catch (OrtException e) {
      throw NightscribeException.configuration(
          "Cannot load speech detector " + SileroVad.NAME + " with ONNX Runtime: " + e.getMessage(),
          e);
    }
  }

  @Override
  public int frameSamples() {
    return FRAME_SAMPLES;
  }

  @Override
  public SpeechScorer open() {
    return new SileroScorer(environment, session);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw NightscribeException.internal(
          "Cannot close speech detector " + SileroVad.NAME + ": " + e.getMessage(), e);
    }
  }
}
