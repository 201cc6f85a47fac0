package io.nightscribe.batch.kubernetes;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which nodes a pod may land on.
 *
 * @param nodeSelector node labels the node must have
 * @param tolerations taints the pod tolerates
 */
public record Placement(Map<String, String> nodeSelector, List<Toleration> tolerations) {
  public static final Placement ANYWHERE = new Placement(Map.of(), List.of());

  public Placement {
    nodeSelector = Collections.unmodifiableMap(new TreeMap<>(nodeSelector));
    tolerations = List.copyOf(tolerations);
  }

  /**
   * This placement for a pod with GPUs: when no toleration was configured, the usual GPU node taint
   * is tolerated, so GPU pods reach tainted GPU nodes without more settings.
   */
  Placement forGpus() {
    return tolerations.isEmpty()
        ? new Placement(nodeSelector, List.of(Toleration.NVIDIA_GPU))
        : this;
  }
}
