package io.nightscribe.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The Spark application {@link SparkClusterIT} submits: each task reports the GPU addresses Spark
 * gave it, its executor, host, pid and RSS, as {@code PROBE key=value ...} lines on stdout.
 *
 * <p>Arguments: the number of tasks, and how many executors to wait for before running them (0: do
 * not wait), so that every executor of a grant takes part instead of the first one running all.
 */
public final class SparkGpuProbeApp {
  private static final long EXECUTOR_WAIT_MILLIS = 90_000;

  private SparkGpuProbeApp() {}

  public static void main(String[] args) throws Exception {
    int tasks = Integer.parseInt(args[0]);
    int executors = Integer.parseInt(args[1]);
    long started = System.nanoTime();
    try (JavaSparkContext context = new JavaSparkContext(new SparkConf())) {
      long contextMillis = millisSince(started);
      awaitExecutors(context, executors);
      long executorsMillis = millisSince(started);
      List<String> reports =
          context
              .parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
              .map(SparkGpuProbeApp::probe)
              .collect();
      long jobMillis = millisSince(started) - executorsMillis;
      reports.forEach(report -> System.out.println("PROBE " + report));
      System.out.println(
          "TIMING context_ms="
              + contextMillis
              + " executors_ms="
              + executorsMillis
              + " job_ms="
              + jobMillis
              + " driver_rss_kb="
              + rssKb());
    }
  }

  private static String probe(Integer partition) throws IOException, InterruptedException {
    ResourceInformation gpu = TaskContext.get().resourcesJMap().get("gpu");
    // long enough that both executors get tasks, short enough for the test's time budget
    Thread.sleep(300);
    return "partition="
        + partition
        + " executor="
        + SparkEnv.get().executorId()
        + " host="
        + SparkEnv.get().blockManager().blockManagerId().host()
        + " gpu="
        + (gpu == null ? "" : String.join(",", gpu.addresses()))
        + " pid="
        + ProcessHandle.current().pid()
        + " rss_kb="
        + rssKb();
  }

  private static void awaitExecutors(JavaSparkContext context, int executors)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + EXECUTOR_WAIT_MILLIS;
    // the status tracker lists the driver too
    while (context.sc().statusTracker().getExecutorInfos().length - 1 < executors
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
  }

  private static long rssKb() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
        .findFirst()
        .orElse(-1);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
