package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Spark standalone cluster on loopback: one master and N workers, each a {@code java -cp}
 * child process, with applications submitted in client mode by {@link #submit}. Integration tests
 * use it instead of {@code local[N]}, which never offers custom resources (GPUs), has no retries
 * and runs everything in one JVM.
 *
 * <p>{@link #shared()} starts one cluster per JVM (8-15 s on 2 busy cores) and stops it at JVM
 * exit: worker 0 on 127.0.0.1 with 2 cores, 2048 MiB and GPUs "0" and "1" (a fake discovery
 * script), worker 1 on 127.0.0.2 with 2 cores, 2048 MiB and no GPU, so speculation, which never
 * places a copy on the host of the original, has a second host. {@link #start} makes a cluster of
 * another shape; its caller closes it.
 *
 * <h2>Where the Spark jars come from</h2>
 *
 * There is no Spark distribution to download here, so the cluster makes a {@code SPARK_HOME} whose
 * {@code jars/} links to jars of the local Maven repository and whose {@code
 * conf/log4j2.properties} logs at WARN. The jars are the class path in the system property {@value
 * #CLASSPATH_PROPERTY} (or {@code @FILE}: the class path written in FILE, as spark-inference writes
 * target/spark-runtime.classpath), which the consuming module's build computes: its compile,
 * provided and runtime dependencies, test-only ones left out — what the application runs with on a
 * real cluster. Without the property, the test JVM's class path is used (an IDE run): it works,
 * with test libraries in {@code jars/} too, as long as it holds Spark's log4j-slf4j2-impl (a build
 * that keeps it off the test JVM, as test-support's own does, gets Spark processes that log
 * nothing; a warning says so). Either way class directories are left out (the application ships its
 * own classes in the submitted jar or {@code --jars}) and so are logging backends that would fight
 * Spark's log4j2 binding (logback makes every Spark process log at DEBUG). test-support itself
 * declares Spark {@code provided}, so modules using it are not handed Spark; it needs no Spark
 * class to run, only the jars. Maven's scopes cannot single out Spark's own closure (a Spark
 * dependency that the application also uses is widened to compile; Netty's modules come as
 * runtime), hence the union of the two scope sets below rather than {@code includeScope=provided}.
 * A consuming module adds:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.apache.spark</groupId>
 *   <artifactId>spark-sql_2.13</artifactId>
 *   <scope>provided</scope>
 * </dependency>
 * <dependency>
 *   <groupId>io.nightscribe</groupId>
 *   <artifactId>test-support</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * ...
 * <plugin>
 *   <groupId>org.apache.maven.plugins</groupId>
 *   <artifactId>maven-dependency-plugin</artifactId>
 *   <executions>
 *     <execution>
 *       <id>spark-classpath-compile-provided</id>
 *       <goals><goal>build-classpath</goal></goals>
 *       <configuration>
 *         <includeScope>compile</includeScope>
 *         <excludeGroupIds>io.nightscribe</excludeGroupIds>
 *         <outputProperty>nightscribe.spark.classpath.compile</outputProperty>
 *       </configuration>
 *     </execution>
 *     <execution>
 *       <id>spark-classpath-runtime</id>
 *       <goals><goal>build-classpath</goal></goals>
 *       <configuration>
 *         <includeScope>runtime</includeScope>
 *         <excludeGroupIds>io.nightscribe</excludeGroupIds>
 *         <outputProperty>nightscribe.spark.classpath.runtime</outputProperty>
 *       </configuration>
 *     </execution>
 *   </executions>
 * </plugin>
 * <plugin>
 *   <groupId>org.apache.maven.plugins</groupId>
 *   <artifactId>maven-failsafe-plugin</artifactId>
 *   <configuration>
 *     <systemPropertyVariables>
 *       <nightscribe.spark.classpath>${nightscribe.spark.classpath.compile}${path.separator}${nightscribe.spark.classpath.runtime}</nightscribe.spark.classpath>
 *     </systemPropertyVariables>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <h2>Processes</h2>
 *
 * Every process gets {@code SPARK_HOME}, {@code SPARK_LOCAL_IP} (its loopback address) and {@code
 * SPARK_SCALA_VERSION=2.13}; the workers start executors themselves from {@code SPARK_HOME}. Logs,
 * work dirs (with each executor's stderr) and the {@code SPARK_HOME} stay under {@code
 * target/spark-cluster-<master port>/} for a look after a failure. {@link #killWorker} and {@link
 * SparkWorker#executors()} are there for fault tests.
 *
 * <p>Thread-safe.
 */
public final class SparkCluster implements AutoCloseable {
  /** The system property holding the Spark runtime class path (path-separator separated jars). */
  public static final String CLASSPATH_PROPERTY = "nightscribe.spark.classpath";

  private static final Logger LOG = LoggerFactory.getLogger(SparkCluster.class);
  private static final String MASTER_HOST = "127.0.0.1";
  private static final String MASTER_MAIN = "org.apache.spark.deploy.master.Master";
  private static final String WORKER_MAIN = "org.apache.spark.deploy.worker.Worker";
  private static final String SUBMIT_MAIN = "org.apache.spark.deploy.SparkSubmit";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(250);

  /**
   * Master and workers idle through a test, so the optimizing JIT only costs start time: with C1
   * only, the serial collector and a small heap a master was ALIVE after 2.5-3.8 s instead of
   * 6.6-6.8 s (RSS 246 instead of 223 MiB) on 2 shared cores. Ports are chosen free beforehand, so
   * a lost race must fail the start rather than silently move to the next port (maxRetries=0); the
   * master's REST submission server would take the fixed port 6066.
   */
  private static final List<String> DAEMON_JVM_OPTIONS =
      List.of(
          "-Xmx512m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Dspark.port.maxRetries=0",
          "-Dspark.master.rest.enabled=false");

  private static final Object LOCK = new Object();
  private static SparkCluster shared;
  private static RuntimeException sharedFailure;

  private final Path root;
  private final boolean deleteOnStop;
  private final SparkHome home;
  private final SparkProcesses processes;
  private final int masterPort;
  private final int masterWebUiPort;
  private final Process master;
  private final List<SparkWorker> workers = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger submissions = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread shutdownHook;
  private final boolean isShared;
  private volatile Duration startupTime = Duration.ZERO;

  private SparkCluster(
      Path root,
      boolean deleteOnStop,
      SparkHome home,
      int masterPort,
      int masterWebUiPort,
      Process master,
      boolean isShared) {
    this.root = root;
    this.deleteOnStop = deleteOnStop;
    this.home = home;
    this.processes = new SparkProcesses(home);
    this.masterPort = masterPort;
    this.masterWebUiPort = masterWebUiPort;
    this.master = master;
    this.isShared = isShared;
    this.shutdownHook = new Thread(this::stop, "spark-cluster-stop-" + masterPort);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The JVM's cluster, started on first call with the workers described above.
   *
   * @throws IllegalStateException if the Spark jars are missing or a process does not start; later
   *     calls throw the same failure without trying again
   */
  public static SparkCluster shared() {
    synchronized (LOCK) {
      if (sharedFailure != null) {
        throw sharedFailure;
      }
      if (shared == null) {
        try {
          shared = start(sharedWorkers(), true);
        } catch (RuntimeException e) {
          sharedFailure = e;
          throw e;
        }
      }
      return shared;
    }
  }

  /** The workers of {@link #shared()}. */
  public static List<SparkWorkerSpec> sharedWorkers() {
    return List.of(
        SparkWorkerSpec.onHost("127.0.0.1", 2, 2048).withGpus("0", "1"),
        SparkWorkerSpec.onHost("127.0.0.2", 2, 2048));
  }

  /**
   * Starts a cluster of {@code workers} and waits until all have registered with the master. The
   * caller closes it (a JVM exit stops it too).
   *
   * @throws IllegalStateException if the Spark jars are missing or a process does not start within
   *     2 minutes
   */
  public static SparkCluster start(List<SparkWorkerSpec> workers) {
    return start(workers, false);
  }

  private static SparkCluster start(List<SparkWorkerSpec> workerSpecs, boolean isShared) {
    List<Path> jars = SparkRuntimeClasspath.jars();
    long started = System.nanoTime();
    int masterPort = LocalProcesses.freePort();
    int webUiPort = LocalProcesses.freePort();
    Path target = LocalProcesses.logDir(null);
    boolean deleteOnStop = target == null;
    Path root = deleteOnStop ? createTempDir() : target.resolve("spark-cluster-" + masterPort);
    if (!deleteOnStop) {
      // what an earlier run's cluster on the same port left: its links would clash, its logs
      // mislead
      LocalProcesses.deleteQuietly(root);
    }
    SparkHome home = SparkHome.create(root.resolve("home"), jars);
    Path masterLog = createLogDir(root).resolve("master.log");
    Process master = startMaster(home, masterPort, webUiPort, masterLog);
    SparkCluster cluster =
        new SparkCluster(root, deleteOnStop, home, masterPort, webUiPort, master, isShared);
    try {
      cluster.awaitMasterAlive(masterLog);
      List<SparkWorker> launched = workerSpecs.stream().map(cluster::launchWorker).toList();
      launched.forEach(cluster::awaitRegistered);
      cluster.startupTime = Duration.ofNanos(System.nanoTime() - started);
      LOG.info(
          "Spark master {} with {} workers up after {} ms ({} jars); files in {}",
          cluster.masterUrl(),
          launched.size(),
          cluster.startupTime.toMillis(),
          jars.size(),
          root);
      return cluster;
    } catch (RuntimeException e) {
      cluster.stop();
      throw e;
    }
  }

  private static Process startMaster(SparkHome home, int port, int webUiPort, Path log) {
    return new SparkProcesses(home)
        .start(
            DAEMON_JVM_OPTIONS,
            List.of(),
            MASTER_MAIN,
            List.of(
                "--host",
                MASTER_HOST,
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(webUiPort)),
            MASTER_HOST,
            log);
  }

  /** {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return "spark://" + MASTER_HOST + ":" + masterPort;
  }

  /** The master's web UI; {@code /json/} there is its state. */
  public URI masterWebUi() {
    return URI.create("http://" + MASTER_HOST + ":" + masterWebUiPort + "/");
  }

  /** The {@code SPARK_HOME} every process of this cluster runs from. */
  public Path sparkHome() {
    return home.root();
  }

  /** The folder holding {@code SPARK_HOME}, logs, work dirs and submission logs. */
  public Path directory() {
    return root;
  }

  public long masterPid() {
    return master.pid();
  }

  public Path masterLog() {
    return root.resolve("logs").resolve("master.log");
  }

  /** From the master's start to every initial worker registered. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Every worker started so far, killed ones included, by {@link SparkWorker#index()}. */
  public List<SparkWorker> workers() {
    synchronized (workers) {
      return List.copyOf(workers);
    }
  }

  /**
   * Kills worker {@code index} and its executors with SIGKILL, as a lost node: the master drops the
   * worker, and the driver loses those executors and reruns their tasks elsewhere.
   *
   * @throws IndexOutOfBoundsException if there is no such worker
   */
  public void killWorker(int index) {
    SparkWorker worker = workers().get(index);
    List<ProcessHandle> executors = worker.process().descendants().toList();
    worker.process().destroyForcibly();
    executors.forEach(ProcessHandle::destroyForcibly);
    try {
      worker.process().onExit().get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot kill " + worker, e);
    }
    LOG.info("Killed Spark {} and {} executors", worker, executors.size());
  }

  /**
   * Starts one more worker and waits until the master has registered it.
   *
   * @throws IllegalStateException if it does not register within 2 minutes
   */
  public SparkWorker startWorker(SparkWorkerSpec spec) {
    SparkWorker worker = launchWorker(spec);
    awaitRegistered(worker);
    return worker;
  }

  /**
   * The master's state now, from its {@code /json/}.
   *
   * @throws IllegalStateException if the master does not answer
   */
  public SparkMasterState masterState() {
    HttpRequest request =
        HttpRequest.newBuilder(masterWebUi().resolve("/json/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Cannot read the Spark master state at "
                + request.uri()
                + ": HTTP "
                + response.statusCode());
      }
      return SparkMasterJson.parse(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read the Spark master state at " + request.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted reading the Spark master state", e);
    }
  }

  /**
   * Polls the master until {@code condition} holds and returns that state.
   *
   * @throws IllegalStateException when it does not hold within {@code timeout}
   */
  public SparkMasterState awaitMasterState(
      Predicate<SparkMasterState> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SparkMasterState state = masterState();
    while (!condition.test(state)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Cannot see the expected Spark master state within "
                + timeout.toSeconds()
                + " s; last: "
                + state);
      }
      sleep();
      state = masterState();
    }
    return state;
  }

  /**
   * Starts {@code SparkSubmit} in client mode against this cluster and returns at once; the caller
   * closes the returned driver.
   */
  public SparkDriver launch(SparkSubmission submission) {
    int number = submissions.incrementAndGet();
    String simpleName =
        submission.mainClass().substring(submission.mainClass().lastIndexOf('.') + 1);
    Path log = createLogDir(root).resolve("submit-" + number + "-" + simpleName + ".log");
    long started = System.nanoTime();
    Process process =
        processes.start(
            SparkSubmitArguments.driverJvmOptions(submission),
            submission.driverClasspath(),
            SUBMIT_MAIN,
            SparkSubmitArguments.of(masterUrl(), MASTER_HOST, submission),
            MASTER_HOST,
            log);
    LOG.info("Submitted {} to {} (pid {}); log {}", simpleName, masterUrl(), process.pid(), log);
    return new SparkDriver(process, log, started);
  }

  /**
   * Runs {@code SparkSubmit} in client mode against this cluster and waits for it, killing it after
   * {@link SparkSubmission#timeout()}.
   */
  public SparkSubmitResult submit(SparkSubmission submission) {
    try (SparkDriver driver = launch(submission)) {
      return driver.await(submission.timeout());
    }
  }

  /**
   * Stops every process of a cluster made by {@link #start}.
   *
   * @throws UnsupportedOperationException on the {@link #shared()} cluster, which stops at JVM exit
   */
  @Override
  public void close() {
    if (isShared) {
      throw new UnsupportedOperationException(
          "Cannot close the shared Spark cluster: other tests use it; it stops at JVM exit");
    }
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // the hook runs stop() again, which then does nothing
    }
  }

  private SparkWorker launchWorker(SparkWorkerSpec spec) {
    synchronized (workers) {
      int index = workers.size();
      int port = LocalProcesses.freePort();
      int webUiPort = LocalProcesses.freePort();
      Path workDir = root.resolve("work").resolve("worker-" + index);
      Path log = createLogDir(root).resolve("worker-" + index + ".log");
      List<String> jvmOptions = new ArrayList<>(DAEMON_JVM_OPTIONS);
      if (!spec.gpuAddresses().isEmpty()) {
        Path script =
            home.discoveryScript("gpu-worker-" + index + ".sh", "gpu", spec.gpuAddresses());
        jvmOptions.add("-Dspark.worker.resource.gpu.amount=" + spec.gpuAddresses().size());
        jvmOptions.add("-Dspark.worker.resource.gpu.discoveryScript=" + script);
      }
      Process process =
          processes.start(
              jvmOptions,
              List.of(),
              WORKER_MAIN,
              List.of(
                  "--host",
                  spec.host(),
                  "--port",
                  Integer.toString(port),
                  "--webui-port",
                  Integer.toString(webUiPort),
                  "--cores",
                  Integer.toString(spec.cores()),
                  "--memory",
                  spec.memoryMb() + "m",
                  "--work-dir",
                  workDir.toString(),
                  masterUrl()),
              spec.host(),
              log);
      SparkWorker worker = new SparkWorker(index, spec, process, port, webUiPort, log, workDir);
      workers.add(worker);
      return worker;
    }
  }

  private void awaitMasterAlive(Path log) {
    awaitProcessCondition(
        master, log, "Spark master", state -> "ALIVE".equals(state.status()), "to be ALIVE");
  }

  private void awaitRegistered(SparkWorker worker) {
    awaitProcessCondition(
        worker.process(),
        worker.log(),
        "Spark " + worker,
        state ->
            state.aliveWorkers().stream()
                .anyMatch(
                    info ->
                        info.host().equals(worker.spec().host()) && info.port() == worker.port()),
        "to register with " + masterUrl());
  }

  /** Polls the master until {@code condition}, failing fast when {@code process} dies. */
  private void awaitProcessCondition(
      Process process,
      Path log,
      String what,
      Predicate<SparkMasterState> condition,
      String expectation) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Cannot start "
                + what
                + ": it exited with "
                + process.exitValue()
                + "; "
                + LocalProcesses.tail(log));
      }
      try {
        if (condition.test(masterState())) {
          return;
        }
      } catch (IllegalStateException notListeningYet) {
        // the master's web UI binds a few seconds after its JVM starts
      }
      sleep();
    }
    throw new IllegalStateException(
        "Cannot start "
            + what
            + ": no sign of it "
            + expectation
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; "
            + LocalProcesses.tail(log));
  }

  private void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    workers().forEach(worker -> LocalProcesses.destroyTree(worker.process(), STOP_GRACE));
    LocalProcesses.destroyTree(master, STOP_GRACE);
    if (deleteOnStop) {
      LocalProcesses.deleteQuietly(root);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("nightscribe-spark-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temp dir for a Spark cluster", e);
    }
  }

  private static Path createLogDir(Path root) {
    try {
      return Files.createDirectories(root.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Spark log dir in " + root, e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for the Spark cluster", e);
    }
  }
}
