package io.nightscribe.asr.training;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.text.WordErrorRate;
import java.nio.charset.StandardCharsets;

/**
 * Which part of the data an utterance belongs to, decided by a hash of its normalized text: the
 * same sentence always lands in the same split, whoever speaks it, so the test split holds only
 * sentences the model never heard in training.
 */
public enum DataSplit {
  TRAIN,
  DEV,
  TEST;

  /** The split of an utterance saying {@code text}. */
  public static DataSplit of(String text, int devPercent, int testPercent) {
    byte[] digest =
        Sha256.newDigest()
            .digest(
                String.join(" ", WordErrorRate.normalize(text)).getBytes(StandardCharsets.UTF_8));
    int bucket = Integer.remainderUnsigned(java.nio.ByteBuffer.wrap(digest).getInt(), 100);
    if (bucket < testPercent) {
      return TEST;
    }
    return bucket < testPercent + devPercent ? DEV : TRAIN;
  }

  /** The name used in file names and metrics ("train", "dev", "test"). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
