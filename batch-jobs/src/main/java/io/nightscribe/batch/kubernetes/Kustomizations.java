package io.nightscribe.batch.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kustomize files that tie the rendered objects together: the base (what every deployment has),
 * a component per way of scheduling, and the overlays that pick one and adjust it.
 */
final class Kustomizations {
  static final String BASE = "base";
  static final String COMPONENTS = "components";
  static final String OVERLAYS = "overlays";
  static final String FILE = "kustomization.yaml";

  private static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
  private static final String COMPONENT_API_VERSION = "kustomize.config.k8s.io/v1alpha1";

  /** How long dev keeps finished Jobs, instead of the pipelines' own time. */
  private static final int DEV_TTL_SECONDS = 3600;

  private Kustomizations() {}

  static String base(List<String> resources) {
    return ManifestYaml.write(
        Fields.of("apiVersion", API_VERSION, "kind", "Kustomization", "resources", resources));
  }

  static String component(List<String> resources) {
    return ManifestYaml.write(
        Fields.of(
            "apiVersion", COMPONENT_API_VERSION, "kind", "Component", "resources", resources));
  }

  static String overlay(Overlay overlay, Scheduling scheduling) {
    String component = "../../" + COMPONENTS + "/" + scheduling.component();
    return ManifestYaml.write(
        Fields.of(
            "apiVersion",
            API_VERSION,
            "kind",
            "Kustomization",
            "resources",
            List.of("../../" + BASE),
            "components",
            List.of(component),
            "patches",
            overlay == Overlay.DEV ? devPatches(scheduling) : null));
  }

  private static List<Map<String, Object>> devPatches(Scheduling scheduling) {
    List<Map<String, Object>> patches = new ArrayList<>();
    if (scheduling == Scheduling.CRONJOBS) {
      patches.add(
          patch(
              Fields.of("kind", "CronJob"),
              List.of(
                  operation("add", "/spec/suspend", true),
                  operation(
                      "add", "/spec/jobTemplate/spec/ttlSecondsAfterFinished", DEV_TTL_SECONDS))));
    } else {
      patches.add(
          patch(
              Fields.of("kind", "Deployment", "name", SchedulerObjects.NAME),
              List.of(operation("replace", "/spec/replicas", 1))));
    }
    return patches;
  }

  private static Map<String, Object> patch(
      Map<String, Object> target, List<Map<String, Object>> operations) {
    return Fields.of("target", target, "patch", ManifestYaml.writeEmbedded(operations));
  }

  private static Map<String, Object> operation(String op, String path, Object value) {
    return Fields.of("op", op, "path", path, "value", value);
  }
}
