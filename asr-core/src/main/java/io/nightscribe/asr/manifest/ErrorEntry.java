package io.nightscribe.asr.manifest;

import java.util.Objects;

/**
 * One line of errors.jsonl: a quarantined input.
 *
 * @param key the input's key relative to the input prefix
 * @param reason one line saying what is wrong with it
 * @param stage where it failed: "read", "decode", "transcribe", "write" (the transcript's name
 *     cannot be stored), or the decode budget limit it broke: "too_large", "timeout"
 */
public record ErrorEntry(String key, String reason, String stage) {
  public ErrorEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stage, "stage");
  }
}
