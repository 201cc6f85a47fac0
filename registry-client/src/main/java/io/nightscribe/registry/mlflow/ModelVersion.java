package io.nightscribe.registry.mlflow;

import java.util.List;
import java.util.Map;

/**
 * A version of a registered model, as MLflow's model registry reports it.
 *
 * @param name the registered model's name
 * @param version its version number, as MLflow spells it ("3")
 * @param source where its files are (a run's artifact location)
 * @param runId the run that produced it, or empty
 * @param status READY, PENDING_REGISTRATION or FAILED_REGISTRATION
 * @param tags version tags by key
 * @param aliases the aliases pointing at it
 */
public record ModelVersion(
    String name,
    String version,
    String source,
    String runId,
    String status,
    Map<String, String> tags,
    List<String> aliases) {
  public ModelVersion {
    tags = Map.copyOf(tags);
    aliases = List.copyOf(aliases);
  }
}
