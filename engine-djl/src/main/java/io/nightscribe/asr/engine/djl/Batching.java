package io.nightscribe.asr.engine.djl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a session groups a batch of chunks into forward passes (engine option {@code batching}).
 * libtorch picks its kernels by the shape of a pass, so a chunk's confidences can differ in the
 * last float bits with the rows it shares a pass with: only {@link #SINGLE} makes a chunk's output
 * depend on the chunk alone, the other modes make it depend on its batch. Batches are consecutive
 * chunks of one source, made by the executor from the audio and the settings alone, so every mode
 * gives byte-identical reruns and replays; runs recorded before batches were made that way (their
 * settings cut fixed windows) could rely on {@link #SINGLE} only, which stays their default.
 */
enum Batching {
  /** One pass per chunk, padded to a whole step. The default for fixed windows. */
  SINGLE,
  /** One pass per padded length (a whole number of steps): chunks of nearly equal length. */
  BUCKETS,
  /**
   * Chunks sorted by length, longest first, each pass taking the next chunks while its padding
   * stays under a quarter of its frames: many rows per pass, little padding. The default for audio
   * cut at pauses, whose chunks follow speech and vary in length.
   */
  SORTED,
  /**
   * One pass for the whole batch, padded to its longest chunk: fewest passes, most padding; a model
   * that reads no mask or lengths may answer a short chunk's last frames differently.
   */
  PADDED;

  /** The option's value, as a run configuration spells it. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode a run configuration spells {@code value}, if any. */
  static Optional<Batching> ofOptionValue(String value) {
    return Arrays.stream(values()).filter(mode -> mode.optionValue().equals(value)).findFirst();
  }
}
