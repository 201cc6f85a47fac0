package io.nightscribe.asr.vad.silero;

import static io.nightscribe.asr.vad.silero.SileroModel.CONTEXT_SAMPLES;
import static io.nightscribe.asr.vad.silero.SileroModel.FRAME_SAMPLES;
import static io.nightscribe.asr.vad.silero.SileroModel.STATE_SIZE;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.vad.SpeechScorer;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Scores one source with the shared session, carrying the model's LSTM state and the last 64
 * samples (the context each frame is read with) from call to call. Not thread-safe.
 */
final class SileroScorer implements SpeechScorer {
  private static final long[] STATE_SHAPE = {1, 1, STATE_SIZE};

  private final OrtEnvironment environment;
  private final OrtSession session;
  private float[] hidden = new float[STATE_SIZE];
  private float[] cell = new float[STATE_SIZE];
  private final float[] context = new float[CONTEXT_SAMPLES];

  SileroScorer(OrtEnvironment environment, OrtSession session) {
    this.environment = environment;
    this.session = session;
  }

  @Override
  public float[] score(float[] frames) {
    if (frames.length % FRAME_SAMPLES != 0) {
      throw new IllegalArgumentException(
          "Invalid frames: " + frames.length + " samples (a multiple of " + FRAME_SAMPLES + ")");
    }
    int count = frames.length / FRAME_SAMPLES;
    if (count == 0) {
      return new float[0];
    }
    int width = CONTEXT_SAMPLES + FRAME_SAMPLES;
    float[] input = new float[count * width];
    for (int frame = 0; frame < count; frame++) {
      if (frame == 0) {
        System.arraycopy(context, 0, input, 0, CONTEXT_SAMPLES);
      } else {
        System.arraycopy(
            frames, frame * FRAME_SAMPLES - CONTEXT_SAMPLES, input, frame * width, CONTEXT_SAMPLES);
      }
      System.arraycopy(
          frames, frame * FRAME_SAMPLES, input, frame * width + CONTEXT_SAMPLES, FRAME_SAMPLES);
    }
    System.arraycopy(frames, frames.length - CONTEXT_SAMPLES, context, 0, CONTEXT_SAMPLES);
    return run(input, count, width);
  }

  private float[] run(float[] input, int count, int width) {
    try (OnnxTensor audio =
            OnnxTensor.createTensor(
                environment, FloatBuffer.wrap(input), new long[] {count, width});
        OnnxTensor h = OnnxTensor.createTensor(environment, FloatBuffer.wrap(hidden), STATE_SHAPE);
        OnnxTensor c = OnnxTensor.createTensor(environment, FloatBuffer.wrap(cell), STATE_SHAPE);
        OrtSession.Result result = session.run(Map.of("input", audio, "h", h, "c", c))) {
      float[] probabilities = floats(result, "speech_probs");
      hidden = floats(result, "hn");
      cell = floats(result, "cn");
      return probabilities;
    } catch (OrtException e) {
      throw NightscribeException.internal(
          "Cannot score audio with speech detector " + SileroVad.NAME + ": " + e.getMessage(), e);
    }
  }

  private static float[] floats(OrtSession.Result result, String name) throws OrtException {
    OnnxTensor tensor =
        (OnnxTensor)
            result
                .get(name)
                .orElseThrow(() -> new OrtException("the model gave no output '" + name + "'"));
    FloatBuffer values = tensor.getFloatBuffer();
    float[] copy = new float[values.remaining()];
    values.get(copy);
    return copy;
  }

  @Override
  public void close() {
    // the session belongs to the model; a scorer holds only arrays
  }
}
