package io.nightscribe.asr.manifest;

import java.util.Objects;

/**
 * One line of a dataset manifest (manifest.jsonl): an utterance with its known text.
 *
 * @param key the utterance's id, unique in the dataset (its audio key relative to the dataset root)
 * @param audio where the audio is (s3:// or file://)
 * @param text the words spoken, lower case, as a reference for word error rates
 * @param sha256 digest of the audio bytes
 * @param slice the part of the dataset it belongs to ("synthetic", "real"), for per-slice scores
 */
public record DatasetEntry(String key, String audio, String text, String sha256, String slice) {
  public DatasetEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(slice, "slice");
  }
}
