package io.nightscribe.lifecycle.gate;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.evaluation.ModelComparison;
import io.nightscribe.asr.evaluation.PromotionGate;
import io.nightscribe.asr.evaluation.UtteranceScore;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.lifecycle.gate.GateLedger.EvaluationRow;
import io.nightscribe.lifecycle.gate.GateLedger.PromotionRow;
import io.nightscribe.registry.mlflow.ArtifactContent;
import io.nightscribe.registry.mlflow.DatasetInput;
import io.nightscribe.registry.mlflow.Metric;
import io.nightscribe.registry.mlflow.ModelVersion;
import io.nightscribe.registry.mlflow.RunPublication;
import io.nightscribe.registry.mlflow.RunStatus;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.registry.models.RegisteredModels;
import io.nightscribe.registry.models.RegistryReference;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation gate between a registered model's {@code challenger} and its {@code champion}:
 * evaluates both on the same frozen set, promotes only what the gate passes, rolls back, and keeps
 * every decision as an audit record in the ledger and on the MLflow versions. Thread-safe.
 */
public class ModelGates {
  public static final String CHAMPION = "champion";
  public static final String CHALLENGER = "challenger";

  private final ModelResolver models;
  private final ModelEvaluator evaluator;
  private final GateLedger ledger;
  private final ObjectStores stores;
  private final PromotionGate gate;
  private final int bootstrapSamples;
  private final long seed;
  private final Clock clock;
  private final JsonMapper json;

  public ModelGates(
      ModelResolver models,
      ModelEvaluator evaluator,
      GateLedger ledger,
      ObjectStores stores,
      PromotionGate gate,
      int bootstrapSamples,
      long seed,
      Clock clock,
      JsonMapper json) {
    this.models = models;
    this.evaluator = evaluator;
    this.ledger = ledger;
    this.stores = stores;
    this.gate = gate;
    this.bootstrapSamples = bootstrapSamples;
    this.seed = seed;
    this.clock = clock;
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  /**
   * What an evaluation found.
   *
   * @param id the evaluation's id
   * @param name the registered model
   * @param championVersion the champion's version
   * @param challengerVersion the challenger's version
   * @param set the evaluation set
   * @param comparison the scores
   * @param decision the gate's decision
   * @param mlflowRunId the MLflow run that records it
   */
  public record Evaluation(
      String id,
      String name,
      String championVersion,
      String challengerVersion,
      EvaluationSet set,
      ModelComparison comparison,
      PromotionGate.Decision decision,
      String mlflowRunId) {}

  /**
   * What a promotion or rollback did.
   *
   * @param changed true when the champion alias moved
   * @param audit the audit record, when it moved
   * @param refusedBecause the gate's reasons, when it did not
   */
  public record Outcome(
      boolean changed, Optional<PromotionRow> audit, List<String> refusedBecause) {}

  /** Evaluates {@code name}'s challenger against its champion on the set at {@code location}. */
  public Evaluation evaluate(String name, StorageUri location, String by) {
    RegisteredModels registry = models.registry();
    ModelVersion champion = aliased(registry, name, CHAMPION);
    ModelVersion challenger = aliased(registry, name, CHALLENGER);
    if (champion.version().equals(challenger.version())) {
      throw NightscribeException.configuration(
          "Cannot evaluate "
              + name
              + ": @champion and @challenger are both version "
              + champion.version()
              + " (register a new version: 'nightscribe models register --name "
              + name
              + "')");
    }
    EvaluationSet set = EvaluationSet.read(stores, location);
    Instant start = clock.instant();
    List<UtteranceScore> championScores = evaluator.score(exactly(name, champion), set);
    List<UtteranceScore> challengerScores = evaluator.score(exactly(name, challenger), set);
    ModelComparison comparison =
        ModelComparison.of(championScores, challengerScores, bootstrapSamples, seed);
    PromotionGate.Decision decision = gate.decide(comparison);
    String id = "evaluation-" + UUID.randomUUID();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("evaluationId", id);
    result.put("model", name);
    result.put("championVersion", champion.version());
    result.put("challengerVersion", challenger.version());
    result.put("set", Map.of("uri", set.manifest().toString(), "sha256", set.sha256()));
    result.put("gate", gate);
    result.put("comparison", comparison);
    result.put("decision", decision);
    result.put("evaluatedBy", by);
    byte[] resultJson = json.writeValueAsBytes(result);
    String mlflowRunId =
        registry.publish(
            publication(
                id, name, champion, challenger, set, comparison, decision, resultJson, start));
    registry.tagVersion(name, challenger.version(), "nightscribe.last_evaluation", id);
    registry.tagVersion(
        name,
        challenger.version(),
        "nightscribe.last_evaluation_result",
        String.format(
            Locale.ROOT,
            "%s: WER %.2f%% against champion v%s %.2f%% on set %s",
            decision.passed() ? "passed" : "failed",
            comparison.challengerWer() * 100,
            champion.version(),
            comparison.championWer() * 100,
            set.sha256().substring(0, 12)));
    ledger.recordEvaluation(
        new EvaluationRow(
            id,
            name,
            champion.version(),
            challenger.version(),
            set.manifest().toString(),
            set.sha256(),
            decision.passed(),
            new String(resultJson, java.nio.charset.StandardCharsets.UTF_8),
            by,
            clock.instant(),
            Optional.of(mlflowRunId)));
    return new Evaluation(
        id, name, champion.version(), challenger.version(), set, comparison, decision, mlflowRunId);
  }

  /**
   * Makes the challenger the champion if its newest evaluation against the current champion passed
   * the gate.
   *
   * @throws NightscribeException CONFIGURATION when the pair was never evaluated
   */
  public Outcome promote(String name, String by, Optional<String> reason) {
    RegisteredModels registry = models.registry();
    ModelVersion champion = aliased(registry, name, CHAMPION);
    ModelVersion challenger = aliased(registry, name, CHALLENGER);
    EvaluationRow evaluation =
        ledger
            .latestEvaluation(name, champion.version(), challenger.version())
            .orElseThrow(
                () ->
                    NightscribeException.configuration(
                        "Cannot promote "
                            + name
                            + ": challenger version "
                            + challenger.version()
                            + " was never evaluated against champion version "
                            + champion.version()
                            + " (run 'nightscribe models evaluate "
                            + name
                            + " --set URI' first)"));
    if (!evaluation.passed()) {
      List<String> reasons = new ArrayList<>();
      json.readTree(evaluation.resultJson())
          .get("decision")
          .get("reasons")
          .forEach(r -> reasons.add(r.asString()));
      return new Outcome(false, Optional.empty(), reasons);
    }
    registry.pointAlias(name, CHAMPION, challenger.version());
    PromotionRow audit =
        audit(
            name,
            "PROMOTE",
            champion.version(),
            challenger.version(),
            Optional.of(evaluation.evaluationId()),
            reason,
            by);
    registry.tagVersion(
        name,
        challenger.version(),
        "nightscribe.promoted",
        audit.decidedAt() + " by " + by + " on evaluation " + evaluation.evaluationId());
    registry.tagVersion(
        name,
        champion.version(),
        "nightscribe.replaced",
        audit.decidedAt() + " by version " + challenger.version() + " (" + by + ")");
    return new Outcome(true, Optional.of(audit), List.of());
  }

  /**
   * Puts the champion back on the version the last promotion replaced.
   *
   * @throws NightscribeException CONFIGURATION when the champion was not made by a promotion
   */
  public Outcome rollback(String name, String by, Optional<String> reason) {
    RegisteredModels registry = models.registry();
    ModelVersion champion = aliased(registry, name, CHAMPION);
    PromotionRow promotion =
        ledger
            .promotionTo(name, champion.version())
            .filter(p -> p.fromVersion().isPresent())
            .orElseThrow(
                () ->
                    NightscribeException.configuration(
                        "Cannot roll back "
                            + name
                            + ": champion version "
                            + champion.version()
                            + " was not made champion by a promotion, so there is no previous one"));
    String previous = promotion.fromVersion().orElseThrow();
    registry.pointAlias(name, CHAMPION, previous);
    PromotionRow audit =
        audit(name, "ROLLBACK", champion.version(), previous, promotion.evaluationId(), reason, by);
    registry.tagVersion(
        name,
        champion.version(),
        "nightscribe.rolled_back",
        audit.decidedAt() + " by " + by + reason.map(r -> ": " + r).orElse(""));
    return new Outcome(true, Optional.of(audit), List.of());
  }

  private PromotionRow audit(
      String name,
      String action,
      String from,
      String to,
      Optional<String> evaluationId,
      Optional<String> reason,
      String by) {
    PromotionRow row =
        new PromotionRow(
            action.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID(),
            name,
            action,
            Optional.of(from),
            to,
            evaluationId,
            reason,
            by,
            clock.instant());
    ledger.recordPromotion(row);
    return row;
  }

  private ModelPackage exactly(String name, ModelVersion version) {
    return models.resolve(RegistryReference.exact(name, version.version()).toString());
  }

  private static ModelVersion aliased(RegisteredModels registry, String name, String alias) {
    return registry
        .aliased(name, alias)
        .orElseThrow(
            () ->
                NightscribeException.configuration(
                    "Model "
                        + name
                        + " has no @"
                        + alias
                        + " (register a version with 'nightscribe models register --name "
                        + name
                        + " --alias "
                        + alias
                        + "')"));
  }

  private RunPublication publication(
      String id,
      String name,
      ModelVersion champion,
      ModelVersion challenger,
      EvaluationSet set,
      ModelComparison comparison,
      PromotionGate.Decision decision,
      byte[] resultJson,
      Instant start) {
    long now = Math.max(clock.millis(), start.toEpochMilli());
    Map<String, String> tags = new TreeMap<>();
    tags.put("nightscribe.run_id", id);
    tags.put("nightscribe.job_kind", "evaluate-model");
    tags.put("nightscribe.model_name", name);
    tags.put("nightscribe.gate_passed", String.valueOf(decision.passed()));
    Map<String, String> params = new TreeMap<>();
    params.put("champion_version", champion.version());
    params.put("challenger_version", challenger.version());
    params.put("set_uri", set.manifest().toString());
    params.put("set_sha256", set.sha256());
    params.put("utterances", String.valueOf(comparison.utterances()));
    params.put("bootstrap_samples", String.valueOf(comparison.bootstrapSamples()));
    params.put("seed", String.valueOf(comparison.seed()));
    params.put("gate.min_improvement", String.valueOf(gate.minImprovement()));
    params.put("gate.max_slice_regression", String.valueOf(gate.maxSliceRegression()));
    List<Metric> metrics = new ArrayList<>();
    metrics.add(Metric.of("champion_wer", comparison.championWer(), now));
    metrics.add(Metric.of("challenger_wer", comparison.challengerWer(), now));
    metrics.add(Metric.of("wer_difference_low", comparison.differenceLow(), now));
    metrics.add(Metric.of("wer_difference_high", comparison.differenceHigh(), now));
    comparison
        .slices()
        .forEach(
            (slice, wer) -> {
              metrics.add(Metric.of("champion_wer." + slice, wer.champion(), now));
              metrics.add(Metric.of("challenger_wer." + slice, wer.challenger(), now));
            });
    return new RunPublication(
        "nightscribe/models",
        "evaluate " + name + " v" + challenger.version() + " against v" + champion.version(),
        id,
        tags,
        params,
        metrics,
        Map.of("evaluation.json", ArtifactContent.of(resultJson)),
        DatasetInput.forManifest(
            "evaluation-set",
            set.sha256(),
            "nightscribe-dataset",
            set.manifest().toString(),
            "evaluation"),
        RunStatus.FINISHED,
        start.toEpochMilli(),
        now);
  }
}
