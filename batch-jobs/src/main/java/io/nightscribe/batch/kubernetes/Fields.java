package io.nightscribe.batch.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ordered maps objects are written from. */
final class Fields {
  private Fields() {}

  /**
   * A map of the given keys and values, in that order; pairs whose value is null are left out, so
   * optional fields read as one expression.
   */
  static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return fields;
  }

  /**
   * A Kubernetes object: its API version, kind and metadata first, then the given fields as in
   * {@link #of}.
   */
  static Map<String, Object> object(
      String apiVersion, String kind, Map<String, Object> metadata, Object... fields) {
    Map<String, Object> object = of("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
    object.putAll(of(fields));
    return object;
  }
}
