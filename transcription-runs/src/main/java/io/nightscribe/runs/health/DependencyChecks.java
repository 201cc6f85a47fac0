package io.nightscribe.runs.health;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.RunOwner;
import io.nightscribe.runs.partition.PipelineDefinition;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The checks of what a night depends on, in the order a night needs them: the ledger and MLflow for
 * every night; for a pipeline, its input (the prefix of the night it would run now is listable),
 * its output (a probe object under the root's reserved {@code _health/} folder is written and
 * deleted), its model (resolved anew, digest verified) and its engine (loads the model; sees the
 * GPUs asked for). Thread-safe.
 */
public final class DependencyChecks {
  private final DataSource ledger;
  private final String ledgerName;
  private final Optional<MlflowClient> mlflow;
  private final ObjectStores stores;
  private final ModelResolver models;
  private final AsrEngines engines;
  private final Clock clock;

  /**
   * @param ledger a data source that opens a new connection for each use, not a pool: a pool hides
   *     an outage behind its own waiting
   * @param ledgerName the ledger as messages name it ("ledger jdbc:postgresql://db/nightscribe",
   *     never with credentials)
   * @param mlflow the tracking server, empty when MLflow is off
   */
  public DependencyChecks(
      DataSource ledger,
      String ledgerName,
      Optional<MlflowClient> mlflow,
      ObjectStores stores,
      ModelResolver models,
      AsrEngines engines,
      Clock clock) {
    this.ledger = ledger;
    this.ledgerName = ledgerName;
    this.mlflow = mlflow;
    this.stores = stores;
    this.models = models;
    this.engines = engines;
    this.clock = clock;
  }

  /** What every night needs: the ledger, and MLflow when it is configured. */
  public List<HealthCheck> shared() {
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(ledger());
    mlflow.ifPresent(client -> checks.add(check("mlflow", List.of(), client::ping)));
    return checks;
  }

  /** The ledger alone: what a service is not ready without. */
  public HealthCheck ledger() {
    return check("ledger", List.of(), this::ledgerDatabase);
  }

  /**
   * What the nights of {@code pipelines} need besides {@link #shared}, pipeline by pipeline. Each
   * pipeline has its own input, output, model and engine check, but pipelines that share a model
   * reference share the outcome of its model and engine checks: the model is resolved, verified and
   * loaded once per reference in the report, not once per pipeline (100 pipelines on one model took
   * over a minute, nearly all of it loading the same model again). A shared outcome names the
   * pipeline it was checked for.
   *
   * @param gpus GPUs the pipelines' engines must see (0 for none)
   */
  public List<HealthCheck> pipelines(List<PipelineDefinition> pipelines, int gpus) {
    SharedOutcomes models = new SharedOutcomes();
    SharedOutcomes engines = new SharedOutcomes();
    List<HealthCheck> checks = new ArrayList<>();
    for (PipelineDefinition pipeline : pipelines) {
      String name = pipeline.name();
      String reference = pipeline.modelReference();
      checks.add(check(name + " input", List.of(), () -> input(pipeline)));
      checks.add(check(name + " output", List.of(), () -> output(pipeline)));
      checks.add(
          check(
              name + " model", List.of(), () -> models.of(reference, name, () -> model(pipeline))));
      checks.add(
          check(
              name + " engine",
              List.of(name + " model"),
              () -> engines.of(reference, name, () -> engine(pipeline, gpus))));
    }
    return checks;
  }

  private String ledgerDatabase() {
    try (Connection connection = ledger.getConnection()) {
      DatabaseMetaData database = connection.getMetaData();
      return database.getDatabaseProductName() + " " + database.getDatabaseProductVersion();
    } catch (SQLException e) {
      throw NightscribeException.transientFailure(
          "Cannot reach the "
              + ledgerName
              + ": "
              + e.getMessage()
              + " (start it, or fix spring.datasource.url and its credentials)",
          e);
    }
  }

  private String input(PipelineDefinition pipeline) {
    StorageUri input = pipeline.input().resolve(pipeline.yesterday(clock));
    StorageUri prefix = OutputLayout.inputBase(input);
    long found;
    try (Stream<ObjectInfo> listing = stores.forUri(prefix).list(prefix)) {
      found = listing.limit(1).count();
    }
    return prefix + " listable" + (found == 0 ? " (empty so far)" : "");
  }

  private String output(PipelineDefinition pipeline) {
    StorageUri probe =
        new OutputLayout(pipeline.outputRoot()).healthProbe(UUID.randomUUID() + ".probe");
    ObjectStore store = stores.forUri(probe);
    store.write(
        probe,
        ("nightscribe health probe from " + RunOwner.current()).getBytes(StandardCharsets.UTF_8));
    store.delete(probe);
    return pipeline.outputRoot() + " writable";
  }

  private String model(PipelineDefinition pipeline) {
    ModelPackage model = models.resolveAgain(pipeline.modelReference());
    return model.name() + " " + model.version() + ", sha256 " + model.sha256().substring(0, 12);
  }

  private String engine(PipelineDefinition pipeline, int gpus) {
    ModelPackage model = models.resolve(pipeline.modelReference());
    try (AsrModel loaded = engines.load(model)) {
      List<ComputeDevice> devices = loaded.devicesFor(Math.max(1, gpus));
      long seen =
          devices.stream()
              .filter(device -> device.kind().equals("gpu"))
              .map(ComputeDevice::index)
              .distinct()
              .count();
      if (seen < gpus) {
        throw NightscribeException.configuration(
            "Cannot run "
                + pipeline.name()
                + " on "
                + gpus
                + " GPUs: the "
                + model.descriptor().engine()
                + " engine sees "
                + seen
                + " (run it where CUDA sees the GPUs, or ask for fewer)");
      }
      return loaded.engineVersion() + " loads the model on " + devices;
    }
  }

  /**
   * Outcomes of checks made once for every pipeline of one report that shares what they check, by
   * that (a model reference); the first pipeline to need one makes it. Thread-safe.
   */
  private static final class SharedOutcomes {
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    String of(String key, String pipeline, Supplier<String> check) {
      Outcome outcome = outcomes.computeIfAbsent(key, k -> Outcome.of(pipeline, check));
      return outcome.pipeline().equals(pipeline) ? outcome.answer() : outcome.answerFor();
    }

    /** A check's detail, or its failure, and the pipeline it was made for. */
    private record Outcome(String pipeline, String detail, RuntimeException failure) {
      static Outcome of(String pipeline, Supplier<String> check) {
        try {
          return new Outcome(pipeline, check.get(), null);
        } catch (RuntimeException e) {
          return new Outcome(pipeline, null, e);
        }
      }

      String answer() {
        if (failure != null) {
          throw failure;
        }
        return detail;
      }

      String answerFor() {
        String asChecked = " (as checked for " + pipeline + ")";
        if (failure != null) {
          throw new IllegalStateException(failure.getMessage() + asChecked, failure);
        }
        return detail + asChecked;
      }
    }
  }

  private static HealthCheck check(
      String dependency, List<String> requires, Supplier<String> check) {
    return new SuppliedCheck(dependency, requires, check);
  }

  /** A check made of its name and a function. */
  private record SuppliedCheck(String dependency, List<String> requires, Supplier<String> body)
      implements HealthCheck {
    SuppliedCheck {
      Objects.requireNonNull(dependency, "dependency");
      requires = List.copyOf(requires);
      Objects.requireNonNull(body, "body");
    }

    @Override
    public String check() {
      return body.get();
    }
  }
}
