package io.nightscribe.asr.chunk;

import io.nightscribe.asr.engine.AudioChunk;

/**
 * Cuts one source's decoded audio into the {@link AudioChunk}s an engine gets, streaming: chunk
 * indices run 0, 1, 2... in time order. What it cuts depends on the audio and the decoding settings
 * alone, never on how the decoder delivered the audio, so a replay cuts the same chunks. Not
 * thread-safe. Does not close the stream: its opener does; whoever opened the segmenter closes it.
 */
public interface Segmenter extends AutoCloseable {

  /**
   * The next chunk, or null when the audio is used up.
   *
   * @throws io.nightscribe.asr.NightscribeException as the stream throws it (BAD_INPUT)
   */
  AudioChunk next();

  /**
   * How much audio the stream has delivered so far: its whole duration once {@link #next} returned
   * null, silences that no chunk holds included.
   */
  long decodedMillis();

  /** Releases what the segmenter holds (a speech detector's state); the stream stays open. */
  @Override
  default void close() {}
}
