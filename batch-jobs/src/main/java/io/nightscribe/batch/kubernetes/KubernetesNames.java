package io.nightscribe.batch.kubernetes;

import io.nightscribe.asr.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Object names and labels, within Kubernetes' rules for them. */
final class KubernetesNames {
  static final String APP = "nightscribe";
  static final String PIPELINE_LABEL = "nightscribe.io/pipeline";
  static final String PIPELINE_ANNOTATION = "nightscribe.io/pipeline";

  /**
   * The longest pipeline part of a name: "nightscribe-backfill-" + it + "-" + the 5 characters of a
   * generated name stays within the 63 of a pod's name label, and a CronJob's name within its 52.
   */
  private static final int MAX_PIPELINE_PART = 30;

  private static final int HASH_CHARACTERS = 6;
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private KubernetesNames() {}

  /**
   * A pipeline's part of object names: its name when that is a short DNS label, else a lower-case
   * form of it with a hash of the name appended, so that two pipelines never share one.
   */
  static String pipelinePart(String pipeline) {
    if (LABEL.matcher(pipeline).matches() && pipeline.length() <= MAX_PIPELINE_PART) {
      return pipeline;
    }
    String hash =
        Sha256.hex(pipeline.getBytes(StandardCharsets.UTF_8)).substring(0, HASH_CHARACTERS);
    String cleaned =
        pipeline.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    int room = MAX_PIPELINE_PART - HASH_CHARACTERS - 1;
    cleaned = cleaned.length() > room ? cleaned.substring(0, room) : cleaned;
    cleaned = cleaned.replaceAll("-+$", "");
    return cleaned.isEmpty() ? "p-" + hash : cleaned + "-" + hash;
  }

  /** The labels of every object of one component ("cronjob", "scheduler", "spark-executor"). */
  static Map<String, Object> labels(String component) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", APP);
    labels.put("app.kubernetes.io/component", component);
    labels.put("app.kubernetes.io/managed-by", "nightscribe-k8s-render");
    return labels;
  }

  /** The labels of one pipeline's objects of a component. */
  static Map<String, Object> labels(String component, String pipeline) {
    Map<String, Object> labels = labels(component);
    labels.put(PIPELINE_LABEL, pipelinePart(pipeline));
    return labels;
  }

  /** Checks a DNS label (a namespace's name): lower case, digits and '-', at most 63. */
  static String checkLabel(String what, String value) {
    if (value == null || !LABEL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not a DNS label (lower-case letters, digits and '-', at most 63, e.g. nightscribe)");
    }
    return value;
  }

  /** Checks an object's name (a DNS subdomain): lower case, digits, '-' and '.', at most 253. */
  static String checkName(String what, String value) {
    if (value == null || value.length() > 253 || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not a Kubernetes name (lower-case letters, digits, '-' and '.', e.g. nightscribe-ledger)");
    }
    return value;
  }
}
