package io.nightscribe.asr.engine.djl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a session groups a batch of chunks into forward passes (engine option {@code batching}).
 * libtorch picks its kernels by the shape of a pass, so a chunk's confidences can differ in the
 * last float bits with the number of rows it shares a pass with; only {@link #SINGLE} makes a
 * chunk's output depend on the chunk alone.
 */
enum Batching {
  /**
   * One pass per chunk, padded to a whole step: a chunk gets the same hypothesis, to the last bit,
   * alone or in any batch, so reruns and replays are byte-identical. The default.
   */
  SINGLE,
  /**
   * One pass per padded length: faster, above all on a GPU; words and timings are the same as
   * {@link #SINGLE}'s, but confidences may differ in the last bits with the batch's composition,
   * which depends on queue timing, so a replay may report DIFFERENT.
   */
  BUCKETS,
  /**
   * One pass for the whole batch, padded to its longest chunk: fewest passes, most padding; has the
   * caveats of {@link #BUCKETS}, and a model that reads no mask or lengths may also answer a short
   * chunk's last frames differently.
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
