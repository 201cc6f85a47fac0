package io.nightscribe.batch.kubernetes;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What nightscribe's manifests are rendered from.
 *
 * @param cluster what every pod shares
 * @param pipelines every declared pipeline, sorted by name
 * @param configuration the configuration file as the pods read it (it becomes a ConfigMap)
 */
public record KubernetesDeployment(
    ClusterSettings cluster, List<PipelineWorkload> pipelines, String configuration) {
  public KubernetesDeployment {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(configuration, "configuration");
    pipelines =
        pipelines.stream().sorted(Comparator.comparing(PipelineWorkload::pipeline)).toList();
  }

  /** The same deployment with other cluster settings. */
  public KubernetesDeployment with(ClusterSettings otherCluster) {
    return new KubernetesDeployment(otherCluster, pipelines, configuration);
  }
}
