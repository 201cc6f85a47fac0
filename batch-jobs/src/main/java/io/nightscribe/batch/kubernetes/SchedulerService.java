package io.nightscribe.batch.kubernetes;

/**
 * The always-on scheduler ({@code nightscribe scheduler}) as a Deployment.
 *
 * @param replicas pods; two survive the loss of one (Quartz is clustered on the ledger database)
 * @param managementPort where its health endpoints answer (/actuator/health/liveness and
 *     /actuator/health/readiness)
 * @param resources what each pod asks for; nights run inside it
 * @param placement where its pods may land
 */
public record SchedulerService(
    int replicas, int managementPort, PodResources resources, Placement placement) {
  public SchedulerService {
    if (replicas < 1) {
      throw new IllegalArgumentException("scheduler replicas " + replicas + " must be 1 or more");
    }
    if (managementPort < 1 || managementPort > 65535) {
      throw new IllegalArgumentException(
          "scheduler management port " + managementPort + " is not a port (1-65535)");
    }
    placement = resources.gpus() > 0 ? placement.forGpus() : placement;
  }
}
