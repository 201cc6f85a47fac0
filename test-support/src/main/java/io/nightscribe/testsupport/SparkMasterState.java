package io.nightscribe.testsupport;

import java.util.Comparator;
import java.util.List;

/**
 * A snapshot of a standalone master's {@code /json/}: its workers and applications, so a test can
 * check before submitting that some worker can host the executors it will ask for, and see after
 * submitting that an application waits for executors no worker can give.
 *
 * @param status the master's recovery state, {@code ALIVE} when it schedules
 * @param workers every worker the master knows, dead ones included
 * @param activeApps applications registered and not finished
 */
public record SparkMasterState(
    String status, List<SparkWorkerInfo> workers, List<SparkAppInfo> activeApps) {
  public SparkMasterState {
    workers = List.copyOf(workers);
    activeApps = List.copyOf(activeApps);
  }

  public List<SparkWorkerInfo> aliveWorkers() {
    return workers.stream().filter(SparkWorkerInfo::isAlive).toList();
  }

  /**
   * Whether some alive worker could run an executor of {@code shape} (see {@link
   * SparkWorkerInfo#canEverHost}).
   */
  public boolean anyWorkerCanHost(SparkExecutorShape shape) {
    return aliveWorkers().stream().anyMatch(worker -> worker.canEverHost(shape));
  }

  /**
   * Fails when no alive worker could ever run an executor of {@code shape}: call it before
   * submitting, since Spark itself then waits forever instead of failing.
   *
   * @throws IllegalStateException naming the shape and what each alive worker offers
   */
  public void requireWorkerFor(SparkExecutorShape shape) {
    if (!anyWorkerCanHost(shape)) {
      throw new IllegalStateException(
          "Cannot schedule an executor of "
              + shape
              + ": no alive worker offers that much; workers offer "
              + aliveWorkers().stream()
                  .sorted(
                      Comparator.comparing(SparkWorkerInfo::host)
                          .thenComparing(SparkWorkerInfo::port))
                  .map(SparkMasterState::offer)
                  .toList());
    }
  }

  /**
   * Active applications without executors whose executors no alive worker could ever host: they
   * will wait forever (the master logs "requires more resource than any of Workers could have").
   */
  public List<SparkAppInfo> appsNoWorkerCanHost() {
    return activeApps.stream()
        .filter(app -> app.coresGranted() == 0)
        .filter(app -> !anyWorkerCanHost(app.executorShapeWithOneCore()))
        .toList();
  }

  private static String offer(SparkWorkerInfo worker) {
    return worker.host()
        + ":"
        + worker.port()
        + (worker.cores() == 1 ? " 1 core, " : " " + worker.cores() + " cores, ")
        + worker.memoryMb()
        + " MiB"
        + (worker.resources().isEmpty() ? "" : ", " + worker.resources());
  }
}
