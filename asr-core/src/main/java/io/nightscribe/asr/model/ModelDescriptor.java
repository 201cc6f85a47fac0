package io.nightscribe.asr.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The contents of a model package's {@code model.json}.
 *
 * @param engine which engine loads it ("vosk", "djl")
 * @param format the engine's file format ("kaldi", "torchscript", "onnx", "djl")
 * @param sampleRateHz the sample rate the model expects
 * @param properties everything else model.json says (vocabulary file, blank id, front-end...), as
 *     strings
 */
public record ModelDescriptor(
    String engine, String format, int sampleRateHz, Map<String, String> properties) {
  public ModelDescriptor {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(format, "format");
    if (sampleRateHz <= 0) {
      throw new IllegalArgumentException("Invalid model sample rate: " + sampleRateHz);
    }
    properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
  }
}
