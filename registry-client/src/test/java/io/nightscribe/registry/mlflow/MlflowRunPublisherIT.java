package io.nightscribe.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.testsupport.MlflowServer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MlflowRunPublisherIT {
  private final MlflowClient client =
      MlflowClient.create(MlflowServer.shared().trackingUri(), null);
  private final MlflowRunPublisher publisher = new MlflowRunPublisher(client);

  private static String uniqueRunId() {
    return "run-" + UUID.randomUUID();
  }

  @Test
  void publishesEverythingAndFinishesTheRun() {
    // given
    RunPublication publication = RunPublicationTest.sample(uniqueRunId());
    // when
    String mlflowRunId = publisher.publish(publication);
    // then
    MlflowRun run = client.getRun(mlflowRunId);
    assertThat(run.status()).isEqualTo("FINISHED");
    assertThat(run.runName()).isEqualTo("twi 2024-05-01");
    assertThat(run.startMillis()).isEqualTo(1_714_550_400_000L);
    assertThat(run.endMillis()).isEqualTo(1_714_550_460_000L);
    assertThat(run.params()).isEqualTo(publication.params());
    assertThat(run.tags())
        .containsAllEntriesOf(publication.tags())
        .containsEntry("nightscribe.run_id", publication.nightscribeRunId())
        .containsEntry("mlflow.runName", "twi 2024-05-01");
    assertThat(client.experimentTags(run.experimentId()))
        .containsEntry("mlflow.experimentKind", "custom_model_development");
    assertThat(run.latestMetrics()).containsEntry("inputs.count", 3.0).containsEntry("wer", 0.20);
    assertThat(client.metricHistory(mlflowRunId, "wer"))
        .containsExactlyInAnyOrder(
            new Metric("wer", 0.25, 1, 1_714_550_401_000L),
            new Metric("wer", 0.20, 2, 1_714_550_402_000L));
    assertThat(run.datasets()).containsExactly(publication.datasetInput());
    publication
        .artifacts()
        .forEach(
            (path, content) ->
                assertThat(client.downloadArtifact(run, path)).isEqualTo(content.bytes()));
  }

  @Test
  void artifactsLandUnderTheRunsRootInTheServersArtifactStore() {
    // given
    RunPublication publication = RunPublicationTest.sample(uniqueRunId());
    // when
    String mlflowRunId = publisher.publish(publication);
    // then: mlflow-artifacts:/<experiment>/<run>/artifacts maps onto --artifacts-destination
    MlflowRun run = client.getRun(mlflowRunId);
    assertThat(run.artifactUri())
        .isEqualTo("mlflow-artifacts:/" + run.experimentId() + "/" + mlflowRunId + "/artifacts");
    assertThat(
            MlflowServer.shared()
                .artifactsDir()
                .resolve(run.experimentId())
                .resolve(mlflowRunId)
                .resolve("artifacts/run.json"))
        .hasBinaryContent(publication.artifacts().get("run.json").bytes());
  }

  @Test
  void publishingAgainCompletesTheSameRunAndCreatesNoSecond() {
    // given a publication already published once
    RunPublication publication = RunPublicationTest.sample(uniqueRunId());
    String first = publisher.publish(publication);
    // when
    String second = publisher.publish(RunPublication.fromJson(publication.toJson()));
    // then
    assertThat(second).isEqualTo(first);
    String experimentId = client.getOrCreateExperiment(publication.experimentName());
    assertThat(
            client.searchRunsByTag(
                experimentId, MlflowRunPublisher.RUN_ID_TAG, publication.nightscribeRunId()))
        .extracting(MlflowRun::runId)
        .containsExactly(first);
    assertThat(client.metricHistory(first, "wer")).hasSize(2);
    assertThat(client.getRun(first).datasets()).hasSize(1);
  }

  @Test
  void resumesARunLeftRunningByACrashAfterItsCreation() {
    // given a crash right after the run was created with its tag, before anything else
    RunPublication publication = RunPublicationTest.sample(uniqueRunId());
    String experimentId = client.getOrCreateExperiment(publication.experimentName());
    MlflowRun orphan =
        client.createRun(
            experimentId,
            publication.runName(),
            publication.startMillis(),
            Map.of(MlflowRunPublisher.RUN_ID_TAG, publication.nightscribeRunId()));
    client.logBatch(orphan.runId(), Map.of("decoding.beam", "13"), List.of(), Map.of());
    // when
    String published = publisher.publish(publication);
    // then
    assertThat(published).isEqualTo(orphan.runId());
    assertThat(client.getRun(published).status()).isEqualTo("FINISHED");
    assertThat(client.getRun(published).params()).isEqualTo(publication.params());
  }

  @Test
  void refusesToChangeAParamAlreadyLogged() {
    // given
    RunPublication publication = RunPublicationTest.sample(uniqueRunId());
    String mlflowRunId = publisher.publish(publication);
    Map<String, String> changed = new HashMap<>(publication.params());
    changed.put("decoding.beam", "20");
    RunPublication conflicting =
        new RunPublication(
            publication.experimentName(),
            publication.runName(),
            publication.nightscribeRunId(),
            publication.tags(),
            changed,
            publication.metrics(),
            publication.artifacts(),
            publication.datasetInput(),
            publication.status(),
            publication.startMillis(),
            publication.endMillis());
    // when / then
    assertThatThrownBy(() -> publisher.publish(conflicting))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot publish nightscribe run "
                + publication.nightscribeRunId()
                + " to MLflow run "
                + mlflowRunId
                + " at "
                + client.server()
                + ": param decoding.beam is already '13' there, not '20' (MLflow params are"
                + " immutable)")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.INTERNAL);
  }

  @Test
  void logsMoreThanOneBatchWorthOfParamsAndMetrics() {
    // given 150 params and 1200 metric points: two log-batch calls at least
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < 150; i++) {
      params.put("setting." + i, "value " + i);
    }
    List<Metric> metrics =
        java.util.stream.IntStream.range(0, 1200)
            .mapToObj(i -> new Metric("loss", 1.0 / (i + 1), i, 1_000_000L + i))
            .toList();
    RunPublication publication =
        new RunPublication(
            "nightscribe/batches",
            "many",
            uniqueRunId(),
            Map.of(),
            params,
            metrics,
            Map.of("run.json", ArtifactContent.of("{}".getBytes(StandardCharsets.UTF_8))),
            null,
            RunStatus.FAILED,
            1_000_000L,
            2_000_000L);
    // when
    String mlflowRunId = publisher.publish(publication);
    // then
    MlflowRun run = client.getRun(mlflowRunId);
    assertThat(run.params()).hasSize(150);
    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(client.metricHistory(mlflowRunId, "loss")).hasSize(1200);
  }
}
