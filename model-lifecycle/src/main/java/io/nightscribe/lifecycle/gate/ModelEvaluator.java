package io.nightscribe.lifecycle.gate;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.evaluation.UtteranceScore;
import io.nightscribe.asr.manifest.DatasetEntry;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.pipeline.TranscriptionInput;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.SettingsDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transcribes an evaluation set with one model, with the default decoding settings, and scores
 * every utterance against its text. Refuses a set whose audio is not the audio its manifest names.
 * Thread-safe.
 */
public class ModelEvaluator {
  private final ObjectStores stores;
  private final PackageTranscriber transcriber;

  public ModelEvaluator(ObjectStores stores, PackageTranscriber transcriber) {
    this.stores = stores;
    this.transcriber = transcriber;
  }

  /** Every utterance's score, in the set's order. */
  public List<UtteranceScore> score(ModelPackage model, EvaluationSet set) {
    DecodingSettings decoding = DecodingSettings.DEFAULTS;
    Map<String, DatasetEntry> byKey = new java.util.HashMap<>();
    set.entries().forEach(entry -> byKey.put(entry.key(), entry));
    Map<String, String> hypotheses = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    StorageUri first = StorageUri.parse(set.entries().get(0).audio());
    try (var loaded = transcriber.load(model, decoding, SettingsDigest.sha256(decoding))) {
      loaded.run(
          stores.forUri(first),
          set.entries().stream()
              .map(entry -> new TranscriptionInput(entry.key(), StorageUri.parse(entry.audio())))
              .iterator(),
          outcome -> {
            String key = outcome.input().key();
            if (outcome instanceof TranscriptionOutcome.Transcribed done) {
              String expected = byKey.get(key).sha256();
              if (!done.entry().sha256().equals(expected)) {
                failures.put(
                    key,
                    "its audio has sha256 "
                        + done.entry().sha256()
                        + ", the manifest says "
                        + expected);
              }
              hypotheses.put(key, done.transcript().text());
            } else {
              failures.put(key, ((TranscriptionOutcome.Quarantined) outcome).reason());
            }
          });
    }
    if (!failures.isEmpty()) {
      var firstFailure = failures.entrySet().iterator().next();
      throw NightscribeException.configuration(
          "Cannot evaluate on "
              + set.manifest()
              + ": "
              + failures.size()
              + " utterances are unusable, e.g. "
              + firstFailure.getKey()
              + ": "
              + firstFailure.getValue()
              + " (rebuild the set, or fix its audio)");
    }
    List<UtteranceScore> scores = new ArrayList<>();
    for (DatasetEntry entry : set.entries()) {
      WordErrorRate wer = WordErrorRate.of(entry.text(), hypotheses.get(entry.key()));
      scores.add(
          new UtteranceScore(entry.key(), entry.slice(), wer.errors(), wer.referenceWords()));
    }
    return scores;
  }
}
