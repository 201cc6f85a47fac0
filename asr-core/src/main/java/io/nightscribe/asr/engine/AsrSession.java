package io.nightscribe.asr.engine;

import java.util.List;

/**
 * A light, per-worker handle on a loaded model, bound to one device. Not thread-safe: one worker
 * thread uses it. The worker closes it.
 */
public interface AsrSession extends AutoCloseable {

  /**
   * Transcribes a batch of chunks (possibly from different sources) and answers each, in the same
   * order.
   *
   * @throws io.nightscribe.asr.NightscribeException RESOURCE_EXHAUSTED when the batch does not fit
   *     the device, INTERNAL for engine failures
   */
  List<ChunkHypothesis> transcribe(List<AudioChunk> batch);

  @Override
  void close();
}
