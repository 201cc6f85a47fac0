package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.dataset.Sentence;
import io.nightscribe.asr.dataset.SynthesisSettings;
import io.nightscribe.asr.dataset.UtterancePlan;
import io.nightscribe.asr.dataset.Voice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The synthetic slice as planned: where its sentences came from, the voices drawn from, and each
 * clip's plan.
 *
 * @param source the folder of fortune files
 * @param pool every distinct speakable sentence found there, sorted by text
 * @param voices the voices this machine has, drawn from
 * @param settings the ranges drawn from
 * @param utterances the plans of the clips
 */
record SyntheticPlan(
    Path source,
    List<Sentence> pool,
    List<Voice> voices,
    SynthesisSettings settings,
    List<UtterancePlan> utterances) {
  SyntheticPlan {
    pool = List.copyOf(pool);
    voices = List.copyOf(voices);
    utterances = List.copyOf(utterances);
  }

  /** How dataset.json describes it. */
  Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("sentences", utterances.size());
    fields.put("sentenceSource", source.toString());
    fields.put("sentencePool", pool.size());
    fields.put("sentencePoolSha256", poolSha256());
    fields.put("voices", voices.stream().map(Voice::toString).toList());
    fields.put("clipsByVoice", count(plan -> plan.voice().toString()));
    fields.put(
        "clipsByAugmentation",
        count(plan -> plan.augmentation().kind().name().toLowerCase(Locale.ROOT)));
    fields.put("settings", settings.fields());
    return fields;
  }

  /** Identifies the pool's texts: the same fortune files give the same digest. */
  private String poolSha256() {
    StringBuilder texts = new StringBuilder();
    pool.forEach(sentence -> texts.append(sentence.text()).append('\n'));
    return Sha256.hex(texts.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, Integer> count(Function<UtterancePlan, String> key) {
    Map<String, Integer> counts = new TreeMap<>();
    utterances.forEach(plan -> counts.merge(key.apply(plan), 1, Integer::sum));
    return counts;
  }
}
