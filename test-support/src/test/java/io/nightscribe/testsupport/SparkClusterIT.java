package io.nightscribe.testsupport;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.reducing;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SparkClusterIT {
  private static final Logger LOG = LoggerFactory.getLogger(SparkClusterIT.class);
  private static final Duration APP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(60);
  private static final String QUICK_START_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private static SparkCluster cluster;
  private static Path appJar;

  @BeforeAll
  static void startClusterAndPackageTheProbe() throws IOException {
    cluster = SparkCluster.shared();
    appJar =
        AppJars.write(cluster.directory().resolve("apps/gpu-probe.jar"), SparkGpuProbeApp.class);
  }

  @Test
  void everyGpuTaskGetsADiscoveredAddressAndEachExecutorOnTheGpuWorkerItsOwn() throws IOException {
    // given two one-core executors with one GPU each: only the 127.0.0.1 worker has GPUs
    SparkWorker gpuWorker = aliveWorkerOn("127.0.0.1");
    SparkSubmission submission =
        SparkSubmission.of(appJar, SparkGpuProbeApp.class.getName())
            .withConf("spark.app.name", "gpu-probe")
            .withConf("spark.cores.max", "2")
            .withConf("spark.executor.cores", "1")
            .withConf("spark.executor.memory", "512m")
            // the tasks only sleep: C1 alone starts the JVMs sooner on two shared cores
            .withConf("spark.driver.extraJavaOptions", QUICK_START_JVM)
            .withConf("spark.executor.extraJavaOptions", QUICK_START_JVM)
            .withConf("spark.executor.resource.gpu.amount", "1")
            .withConf("spark.task.resource.gpu.amount", "1")
            .withArgs("8", "2")
            .withTimeout(APP_TIMEOUT);

    // when
    SparkSubmitResult result;
    Set<Long> executorPids;
    try (SparkDriver driver = cluster.launch(submission)) {
      executorPids = awaitExecutorPids(gpuWorker, 2, driver);
      result = driver.await(APP_TIMEOUT);
    }

    // then
    assertThat(result.succeeded()).as(result.describe()).isTrue();
    List<ProbeReport> reports =
        result.linesStartingWith("PROBE ").stream().map(ProbeReport::parse).toList();
    assertThat(reports)
        .extracting(ProbeReport::partition)
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(reports)
        .extracting(ProbeReport::gpu)
        .allMatch(gpu -> gpu.equals("0") || gpu.equals("1"));
    assertThat(reports).extracting(ProbeReport::host).containsOnly("127.0.0.1");
    assertThat(reports).extracting(ProbeReport::pid).containsOnlyElementsOf(executorPids);
    Map<String, Set<String>> gpusByExecutor =
        reports.stream()
            .collect(groupingBy(ProbeReport::executor, mapping(ProbeReport::gpu, toSet())));
    assertThat(gpusByExecutor).hasSize(2);
    assertThat(gpusByExecutor.values()).allMatch(gpus -> gpus.size() == 1);
    assertThat(gpusByExecutor.values().stream().flatMap(Set::stream))
        .containsExactlyInAnyOrder("0", "1");
    logMeasurements(result, reports);
  }

  @Test
  void masterJsonShowsEachWorkersResourcesSoAnUnschedulableExecutorIsCaughtBeforeSubmitting() {
    // given
    SparkWorker gpuWorker = aliveWorkerOn("127.0.0.1");
    SparkWorker plainWorker = aliveWorkerOn("127.0.0.2");

    // when
    SparkMasterState state = cluster.masterState();

    // then
    assertThat(state.status()).isEqualTo("ALIVE");
    SparkWorkerInfo gpuInfo = infoOf(state, gpuWorker);
    assertThat(gpuInfo.cores()).isEqualTo(2);
    assertThat(gpuInfo.memoryMb()).isEqualTo(2048);
    assertThat(gpuInfo.resources()).isEqualTo(Map.of("gpu", List.of("0", "1")));
    assertThat(infoOf(state, plainWorker).resources()).isEmpty();
    SparkExecutorShape oneGpu = SparkExecutorShape.of(1, 512).with("gpu", 1);
    SparkExecutorShape threeGpus = SparkExecutorShape.of(1, 512).with("gpu", 3);
    assertThat(state.anyWorkerCanHost(oneGpu)).isTrue();
    assertThat(state.anyWorkerCanHost(threeGpus)).isFalse();
    assertThat(state.anyWorkerCanHost(SparkExecutorShape.of(1, 4096))).isFalse();
    assertThatThrownBy(() -> state.requireWorkerFor(threeGpus))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot schedule an executor of 1 core, 512 MiB, gpu=3: no alive worker offers that"
                + " much; workers offer [127.0.0.1:%d 2 cores, 2048 MiB, {gpu=[0, 1]},"
                + " 127.0.0.2:%d 2 cores, 2048 MiB]",
            gpuWorker.port(), plainWorker.port());
  }

  @Test
  void anApplicationAskingMoreGpusThanAnyWorkerHasIsVisibleWhileItWaits() throws IOException {
    // given an executor shape no worker can hold: Spark would wait forever
    SparkSubmission submission =
        SparkSubmission.of(appJar, SparkGpuProbeApp.class.getName())
            .withConf("spark.app.name", "too-many-gpus")
            .withConf("spark.executor.cores", "1")
            .withConf("spark.executor.memory", "512m")
            .withConf("spark.executor.resource.gpu.amount", "3")
            .withConf("spark.task.resource.gpu.amount", "1")
            .withConf("spark.starvation.timeout", "1s")
            .withConf("spark.driver.extraJavaOptions", QUICK_START_JVM)
            .withArgs("1", "0");

    // when
    try (SparkDriver driver = cluster.launch(submission)) {
      SparkMasterState state =
          cluster.awaitMasterState(s -> !s.appsNoWorkerCanHost().isEmpty(), WAIT_TIMEOUT);

      // then the master's JSON shows it, and so do the driver's and the master's logs
      SparkAppInfo app = state.appsNoWorkerCanHost().get(0);
      assertThat(app.name()).isEqualTo("too-many-gpus");
      assertThat(app.state()).isEqualTo("WAITING");
      assertThat(app.resourcesPerExecutor()).isEqualTo(Map.of("gpu", 3));
      awaitOutput(driver, "Initial job has not accepted any resources");
      assertThat(Files.readString(cluster.masterLog()))
          .contains("App " + app.id() + " requires more resource than any of Workers could have.");
    }
    cluster.awaitMasterState(s -> s.activeApps().isEmpty(), Duration.ofSeconds(30));
  }

  @Test
  void aKilledWorkerLeavesTheMasterAndAReplacementRegisters() {
    // given the worker without GPUs, so the shared cluster keeps its shape
    SparkWorker victim = aliveWorkerOn("127.0.0.2");

    // when
    cluster.killWorker(victim.index());
    SparkMasterState afterKill =
        cluster.awaitMasterState(
            s -> s.aliveWorkers().stream().noneMatch(w -> w.port() == victim.port()),
            Duration.ofSeconds(30));
    SparkWorker replacement = cluster.startWorker(victim.spec());

    // then
    assertThat(victim.isAlive()).isFalse();
    assertThat(afterKill.aliveWorkers())
        .extracting(SparkWorkerInfo::host)
        .containsOnly("127.0.0.1");
    assertThat(replacement.index()).isEqualTo(cluster.workers().size() - 1);
    assertThat(cluster.masterState().aliveWorkers())
        .extracting(SparkWorkerInfo::host, SparkWorkerInfo::port)
        .contains(tuple("127.0.0.2", replacement.port()));
  }

  @Test
  void isSharedWithinTheJvm() {
    assertThat(SparkCluster.shared()).isSameAs(cluster);
    assertThat(cluster.masterUrl()).startsWith("spark://127.0.0.1:");
    assertThat(cluster.sparkHome().resolve("conf/log4j2.properties")).isRegularFile();
    assertThatThrownBy(cluster::close).isInstanceOf(UnsupportedOperationException.class);
  }

  private static SparkWorker aliveWorkerOn(String host) {
    return cluster.workers().stream()
        .filter(worker -> worker.isAlive() && worker.spec().host().equals(host))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no live worker on " + host));
  }

  /** The worker's executor processes once {@code count} run, while the application runs. */
  private static Set<Long> awaitExecutorPids(SparkWorker worker, int count, SparkDriver driver) {
    long deadline = System.nanoTime() + WAIT_TIMEOUT.toNanos();
    List<ProcessHandle> executors = worker.executors();
    while (executors.size() < count) {
      if (!driver.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "No "
                + count
                + " executors on "
                + worker
                + " within "
                + WAIT_TIMEOUT.toSeconds()
                + " s; "
                + LocalProcesses.tail(driver.log()));
      }
      pause();
      executors = worker.executors();
    }
    return executors.stream().map(ProcessHandle::pid).collect(toSet());
  }

  private static SparkWorkerInfo infoOf(SparkMasterState state, SparkWorker worker) {
    return state.workers().stream()
        .filter(info -> info.host().equals(worker.spec().host()) && info.port() == worker.port())
        .findFirst()
        .orElseThrow(() -> new AssertionError("master does not list " + worker + ": " + state));
  }

  private static void awaitOutput(SparkDriver driver, String text) {
    long deadline = System.nanoTime() + WAIT_TIMEOUT.toNanos();
    while (!driver.output().contains(text)) {
      if (!driver.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "No '"
                + text
                + "' from the driver within "
                + WAIT_TIMEOUT.toSeconds()
                + " s; "
                + LocalProcesses.tail(driver.log()));
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void logMeasurements(SparkSubmitResult result, List<ProbeReport> reports)
      throws IOException {
    String timing = result.linesStartingWith("TIMING ").get(0);
    Map<String, Long> executorRssKb =
        reports.stream()
            .collect(
                groupingBy(ProbeReport::executor, reducing(0L, ProbeReport::rssKb, Math::max)));
    LOG.info(
        "Spark measurements: cluster start {} ms; submit wall {} ms; {}; RSS master {} MiB,"
            + " workers {} MiB, executors (peak in task, KiB) {}",
        cluster.startupTime().toMillis(),
        result.wallTime().toMillis(),
        timing,
        rssMib(cluster.masterPid()),
        cluster.workers().stream().filter(SparkWorker::isAlive).map(w -> rssMib(w.pid())).toList(),
        executorRssKb);
  }

  private static long rssMib(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
              .filter(line -> line.startsWith("VmRSS:"))
              .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
              .findFirst()
              .orElse(-1)
          / 1024;
    } catch (IOException gone) {
      return -1;
    }
  }
}
