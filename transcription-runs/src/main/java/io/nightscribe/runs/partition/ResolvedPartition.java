package io.nightscribe.runs.partition;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.transcript.SettingsDigest;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.JobKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A partition with its model resolved and verified and its decoding settings digested: what
 * identifies its run. The same request with the same model version and settings has the same {@link
 * #key()} whichever front end runs it, so firing a completed partition again finds its run.
 * Immutable.
 *
 * @param request what to transcribe
 * @param model the verified model package
 * @param settingsJson the decoding settings as canonical JSON
 * @param configHash the sha256 of {@code settingsJson}
 */
public record ResolvedPartition(
    PartitionRequest request, ModelPackage model, String settingsJson, String configHash) {
  public ResolvedPartition {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(settingsJson, "settingsJson");
    Objects.requireNonNull(configHash, "configHash");
  }

  /** {@code request} transcribed with {@code model}. */
  public static ResolvedPartition of(PartitionRequest request, ModelPackage model) {
    return new ResolvedPartition(
        request,
        model,
        new String(SettingsDigest.canonicalJson(request.decoding()), StandardCharsets.UTF_8),
        SettingsDigest.sha256(request.decoding()));
  }

  /**
   * The partition's identity: the sha256 of its pipeline, date, input, model version and digest and
   * settings digest; of an ad-hoc run's output too (the same input may go to two places), and of a
   * rerun's backfill (a rerun is a new run of a completed partition).
   */
  public String key() {
    return Sha256.hex(CanonicalJson.bytes(identity()));
  }

  /** The identifying values {@link #key()} digests, by name. */
  public Map<String, String> identity() {
    Map<String, String> identity = new TreeMap<>();
    identity.put("pipeline", request.pipeline());
    identity.put("date", request.date().map(Object::toString).orElse(""));
    identity.put("input", request.input().toString());
    identity.put("model", model.name() + "/" + model.version());
    identity.put("modelSha256", model.sha256());
    identity.put("configHash", configHash);
    if (request.jobKind() == JobKind.ADHOC) {
      identity.put("outputRoot", request.outputRoot().toString());
    }
    if (request.rerun()) {
      identity.put("backfillId", request.backfillId().orElseThrow());
    }
    return identity;
  }

  /** The layout of the partition's output root. */
  public OutputLayout layout() {
    return new OutputLayout(request.outputRoot());
  }
}
