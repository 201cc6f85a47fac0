package io.nightscribe.asr.engine.djl;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.CtcModelSpec;
import io.nightscribe.asr.acoustic.Features;
import io.nightscribe.asr.ctc.CtcWord;
import io.nightscribe.asr.ctc.CtcWordDecoder;
import io.nightscribe.asr.ctc.LogProbabilities;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ChunkHypothesis.AudioChunkRef;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.RecognizedWord;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Transcribes batches with one DJL predictor on one device: front end, grouping into forward passes
 * as the session's {@link Batching} says (see {@link LengthBuckets}), one forward pass per group,
 * then CTC decoding of each chunk's own frames. Only in {@link Batching#SINGLE} does a chunk's
 * hypothesis depend on nothing but the chunk; in the other modes it depends on its batch too, which
 * the executor makes the same way every time. Not thread-safe; the worker closes it (the model
 * stays open).
 */
final class DjlSession implements AsrSession {
  private final CtcModelSpec spec;
  private final boolean waveformInput;
  private final Predictor<PaddedBatch, ModelOutput> predictor;
  private final ComputeDevice device;
  private final LengthBuckets buckets;
  private final CtcWordDecoder decoder;

  DjlSession(
      CtcModelSpec spec,
      boolean waveformInput,
      Predictor<PaddedBatch, ModelOutput> predictor,
      ComputeDevice device,
      LengthBuckets buckets,
      CtcWordDecoder decoder) {
    this.spec = spec;
    this.waveformInput = waveformInput;
    this.predictor = predictor;
    this.device = device;
    this.buckets = buckets;
    this.decoder = decoder;
  }

  @Override
  public List<ChunkHypothesis> transcribe(List<AudioChunk> batch) {
    ChunkHypothesis[] answers = new ChunkHypothesis[batch.size()];
    int[] sampleCounts = batch.stream().mapToInt(AudioChunk::sampleCount).toArray();
    for (LengthBuckets.Bucket bucket : buckets.plan(sampleCounts)) {
      List<AudioChunk> chunks = bucket.chunks().stream().map(batch::get).toList();
      List<LogProbabilities> outputs = forward(chunks, bucket.paddedSamples());
      for (int i = 0; i < chunks.size(); i++) {
        answers[bucket.chunks().get(i)] =
            new ChunkHypothesis(
                AudioChunkRef.of(chunks.get(i)), words(chunks.get(i), outputs.get(i)));
      }
    }
    return List.of(answers);
  }

  /** Each chunk's log-probabilities over the output frames that start inside it. */
  private List<LogProbabilities> forward(List<AudioChunk> chunks, int paddedSamples) {
    int paddedFrames = spec.frontEnd().frames(paddedSamples);
    Features[] features =
        chunks.stream().map(c -> spec.frontEnd().compute(c.samples())).toArray(Features[]::new);
    int dimensions = features[0].dimensions();
    float[] values = new float[chunks.size() * paddedFrames * dimensions];
    int[] validFrames = new int[chunks.size()];
    for (int row = 0; row < chunks.size(); row++) {
      Features own = features[row];
      System.arraycopy(
          own.values(), 0, values, row * paddedFrames * dimensions, own.values().length);
      validFrames[row] = own.frames();
    }
    ModelOutput output =
        predict(
            chunks,
            new PaddedBatch(
                values, chunks.size(), paddedFrames, dimensions, validFrames, waveformInput));
    return java.util.stream.IntStream.range(0, chunks.size())
        .mapToObj(row -> ownFrames(output, row, chunks.get(row).sampleCount()))
        .toList();
  }

  private ModelOutput predict(List<AudioChunk> chunks, PaddedBatch input) {
    try {
      return predictor.predict(input);
    } catch (TranslateException | RuntimeException e) {
      String message =
          "Cannot transcribe "
              + chunks.size()
              + " chunks from chunk "
              + chunks.get(0).index()
              + " of "
              + chunks.get(0).sourceId()
              + " on "
              + device
              + ": "
              + e.getMessage();
      boolean outOfMemory =
          String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("out of memory");
      throw outOfMemory
          ? new NightscribeException(
              ErrorCategory.RESOURCE_EXHAUSTED, message + " (lower maxBatchMillis)", e)
          : NightscribeException.internal(message, e);
    }
  }

  private LogProbabilities ownFrames(ModelOutput output, int row, int samples) {
    int frames =
        Math.min(output.frames(), (samples + spec.frameSamples() - 1) / spec.frameSamples());
    int from = row * output.frames() * output.tokens();
    float[] scores = Arrays.copyOfRange(output.values(), from, from + frames * output.tokens());
    return LogProbabilities.ofScores(scores, frames, output.tokens());
  }

  private List<RecognizedWord> words(AudioChunk chunk, LogProbabilities output) {
    return decoder.decode(output).stream()
        .map(
            (CtcWord word) ->
                new RecognizedWord(
                    word.text(),
                    startMillis(word.firstFrame()),
                    Math.min(chunk.durationMillis(), startMillis(word.lastFrame() + 1)),
                    word.confidence()))
        .toList();
  }

  private long startMillis(int frame) {
    return (long) frame * spec.frameSamples() * 1000 / AudioChunk.SAMPLE_RATE_HZ;
  }

  @Override
  public void close() {
    predictor.close();
  }
}
