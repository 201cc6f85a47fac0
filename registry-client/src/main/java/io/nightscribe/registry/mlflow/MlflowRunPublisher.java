package io.nightscribe.registry.mlflow;

import io.nightscribe.asr.NightscribeException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link RunPublication} as one MLflow run, idempotently: the MLflow run is found again
 * by its tag {@value #RUN_ID_TAG}, so publishing again after any failure (a crash between two
 * calls, a timeout whose request did land) completes the same run and never creates a second one.
 *
 * <p>Order: create (with the tag), params/metrics/tags, dataset input, artifacts, and the final
 * status last, so a FINISHED or FAILED run in MLflow has everything.
 *
 * <p>Thread-safe as its client; publishing the same publication concurrently from two threads may
 * create two runs (MLflow has no unique tags), which the outbox's single worker avoids.
 */
public final class MlflowRunPublisher {
  /** MLflow's experiment tag that says what its UI shows first. */
  public static final String EXPERIMENT_KIND_TAG = "mlflow.experimentKind";

  /** The experiment kind of runs that make or use models (MLflow UI: "Model training"). */
  public static final String MODEL_DEVELOPMENT = "custom_model_development";

  /** The tag holding the nightscribe run id. */
  public static final String RUN_ID_TAG = "nightscribe.run_id";

  private static final Logger LOG = LoggerFactory.getLogger(MlflowRunPublisher.class);

  private final MlflowClient client;

  public MlflowRunPublisher(MlflowClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Publishes {@code publication} and returns the MLflow run id.
   *
   * @throws NightscribeException TRANSIENT when MLflow cannot be reached (retry later),
   *     CONFIGURATION when it is misconfigured, INTERNAL when a param already logged in MLflow has
   *     another value than the publication's (params are immutable there)
   */
  public String publish(RunPublication publication) {
    String experimentId = client.getOrCreateExperiment(publication.experimentName());
    // else MLflow's UI guesses the kind from the runs, and takes a dataset input for a GenAI
    // evaluation: batch transcription and training are model development
    client.setExperimentTag(experimentId, EXPERIMENT_KIND_TAG, MODEL_DEVELOPMENT);
    MlflowRun run = findOrCreate(experimentId, publication);
    client.logBatch(
        run.runId(), paramsToLog(run, publication), publication.metrics(), tags(publication));
    if (publication.datasetInput() != null) {
      client.logInputs(run.runId(), publication.datasetInput());
    }
    publication
        .artifacts()
        .forEach((path, content) -> client.uploadArtifact(run, path, content.bytes()));
    client.updateRun(run.runId(), publication.status(), publication.endMillis());
    LOG.info(
        "Published nightscribe run {} as MLflow run {} ({}) at {}",
        publication.nightscribeRunId(),
        run.runId(),
        publication.status(),
        client.server());
    return run.runId();
  }

  private MlflowRun findOrCreate(String experimentId, RunPublication publication) {
    List<MlflowRun> existing =
        client.searchRunsByTag(experimentId, RUN_ID_TAG, publication.nightscribeRunId());
    if (existing.size() > 1) {
      LOG.warn(
          "{} MLflow runs carry {}={}; completing the oldest, {}",
          existing.size(),
          RUN_ID_TAG,
          publication.nightscribeRunId(),
          existing.get(0).runId());
    }
    if (!existing.isEmpty()) {
      LOG.debug(
          "Resuming MLflow run {} of {}", existing.get(0).runId(), publication.nightscribeRunId());
      return existing.get(0);
    }
    return client.createRun(
        experimentId, publication.runName(), publication.startMillis(), tags(publication));
  }

  /** Params MLflow does not have yet; one it has with another value is a conflict. */
  private Map<String, String> paramsToLog(MlflowRun run, RunPublication publication) {
    Map<String, String> missing = new TreeMap<>();
    publication
        .params()
        .forEach(
            (key, value) -> {
              String logged = run.params().get(key);
              if (logged == null) {
                missing.put(key, value);
              } else if (!logged.equals(value)) {
                throw NightscribeException.internal(
                    "Cannot publish nightscribe run "
                        + publication.nightscribeRunId()
                        + " to MLflow run "
                        + run.runId()
                        + " at "
                        + client.server()
                        + ": param "
                        + key
                        + " is already '"
                        + logged
                        + "' there, not '"
                        + value
                        + "' (MLflow params are immutable)",
                    null);
              }
            });
    return missing;
  }

  private static Map<String, String> tags(RunPublication publication) {
    Map<String, String> tags = new TreeMap<>(publication.tags());
    tags.put(RUN_ID_TAG, publication.nightscribeRunId());
    return tags;
  }
}
