package io.nightscribe.asr.manifest;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A dataset's identity by content: the sha256 over each utterance's key, text, audio digest and
 * slice, in key order. Unlike the manifest file's own sha256 it does not change when the same
 * dataset is built in, or copied to, another place (the manifest names audio by absolute URI), so
 * it is what training lineage records.
 */
public final class DatasetDigest {
  private DatasetDigest() {}

  /** The content digest of {@code entries}, lowercase hex. */
  public static String of(List<DatasetEntry> entries) {
    MessageDigest digest = Sha256.newDigest();
    entries.stream()
        .sorted(Comparator.comparing(DatasetEntry::key))
        .forEach(
            entry ->
                digest.update(
                    (CanonicalJson.string(
                                Map.of(
                                    "key", entry.key(),
                                    "text", entry.text(),
                                    "sha256", entry.sha256(),
                                    "slice", entry.slice()))
                            + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
    return Sha256.hex(digest);
  }
}
