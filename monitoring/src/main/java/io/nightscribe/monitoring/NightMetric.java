package io.nightscribe.monitoring;

import static io.nightscribe.monitoring.LabelKeys.DEPENDENCY;
import static io.nightscribe.monitoring.LabelKeys.KIND;
import static io.nightscribe.monitoring.LabelKeys.MODEL;
import static io.nightscribe.monitoring.LabelKeys.MODEL_VERSION;
import static io.nightscribe.monitoring.LabelKeys.OUTCOME;
import static io.nightscribe.monitoring.LabelKeys.PIPELINE;
import static io.nightscribe.monitoring.LabelKeys.REASON;
import static io.nightscribe.monitoring.LabelKeys.RUNNER;
import static io.nightscribe.monitoring.LabelKeys.STAGE;
import static io.nightscribe.monitoring.MetricType.COUNTER;
import static io.nightscribe.monitoring.MetricType.GAUGE;
import static io.nightscribe.monitoring.MetricType.HISTOGRAM;
import static io.nightscribe.monitoring.Presence.END_OF_NIGHT;
import static io.nightscribe.monitoring.Presence.FROM_START;
import static io.nightscribe.monitoring.Presence.WHEN_KNOWN;

import java.util.List;

/**
 * The metric catalog of a night: the contract between the code that instruments a run and the alert
 * rules and dashboards that read it. Each entry names the Micrometer meter (dotted, with its base
 * unit) and the exact Prometheus name it is exposed under, its type, its label keys, when it is
 * present and what it means. docs/monitoring.md prints the same table; tests pin the exposed names
 * against a real Prometheus registry and against the rule file.
 *
 * <p>"Run labels" are {@code pipeline, model, model_version, runner}: the same for every metric of
 * one run. Counters count within one process (one run, or one resumed attempt of it); rules read
 * them with {@code increase()}, which treats the drop at the next run's first push as a reset.
 */
public enum NightMetric {
  /** Input objects finished by this run, by outcome. */
  OBJECTS(
      "nightscribe.objects",
      null,
      COUNTER,
      "nightscribe_objects_total",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER, OUTCOME),
      FROM_START,
      "Input objects this run finished, by outcome (transcribed, quarantined)"),
  /** Seconds of audio in the objects this run transcribed. */
  AUDIO(
      "nightscribe.audio",
      "seconds",
      COUNTER,
      "nightscribe_audio_seconds_total",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER),
      FROM_START,
      "Seconds of audio in the objects this run transcribed"),
  /** Objects this run quarantined, by reason category. */
  QUARANTINED(
      "nightscribe.quarantined",
      null,
      COUNTER,
      "nightscribe_quarantined_total",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER, REASON),
      FROM_START,
      "Input objects this run quarantined, by reason category"),
  /** Time spent in each stage, one observation per page, object, batch or transaction. */
  STAGE_DURATION(
      "nightscribe.stage.duration",
      "seconds",
      HISTOGRAM,
      "nightscribe_stage_duration_seconds",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER, STAGE),
      FROM_START,
      "Seconds one unit of work spent in a stage (list: a page; read, decode, write: an object;"
          + " engine: a batch; record: a ledger transaction)"),
  /** Decoded chunks waiting for an engine worker right now. */
  CHUNK_QUEUE_DEPTH(
      "nightscribe.chunk.queue.depth",
      null,
      GAUGE,
      "nightscribe_chunk_queue_depth",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER),
      FROM_START,
      "Decoded chunks waiting in the queue for an engine worker"),
  /** Share of the engine workers' wall time spent in engine calls, since they started. */
  ENGINE_BUSY(
      "nightscribe.engine.busy",
      "ratio",
      GAUGE,
      "nightscribe_engine_busy_ratio",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER),
      FROM_START,
      "Share of the engine workers' wall time spent in engine calls since they started (0-1)"),
  /** Calls retried, by the dependency they went to. */
  RETRIES(
      "nightscribe.retries",
      null,
      COUNTER,
      "nightscribe_retries_total",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER, DEPENDENCY),
      FROM_START,
      "Calls this run retried, by dependency (s3, ledger, mlflow)"),
  /** Seconds the model took to load (the longest load when several workers load it). */
  MODEL_LOAD(
      "nightscribe.model.load",
      "seconds",
      GAUGE,
      "nightscribe_model_load_seconds",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER),
      WHEN_KNOWN,
      "Seconds the model took to load and verify (the longest, when loaded more than once)"),
  /** Runs of this pipeline waiting in the ledger's MLflow outbox. */
  MLFLOW_OUTBOX_DEPTH(
      "nightscribe.mlflow.outbox.depth",
      null,
      GAUGE,
      "nightscribe_mlflow_outbox_depth",
      List.of(PIPELINE),
      WHEN_KNOWN,
      "Runs of this pipeline waiting in the MLflow outbox to be published"),
  /** Wall seconds of the night so far; final at the end. */
  NIGHT_DURATION(
      "nightscribe.night.duration",
      "seconds",
      GAUGE,
      "nightscribe_night_duration_seconds",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER),
      FROM_START,
      "Wall seconds of the night so far (run.json wallSeconds at the end)"),
  /** Audio seconds transcribed per wall second over the whole night. */
  NIGHT_REALTIME_SPEED(
      "nightscribe.night.realtime.speed",
      null,
      GAUGE,
      "nightscribe_night_realtime_speed",
      List.of(PIPELINE, MODEL, MODEL_VERSION, RUNNER),
      END_OF_NIGHT,
      "Audio seconds transcribed per wall second over the night (1 / run.json realTimeFactor)"),
  /** When this pipeline last finished a night successfully, from the ledger. */
  LAST_SUCCESS(
      "nightscribe.last.success.timestamp",
      "seconds",
      GAUGE,
      "nightscribe_last_success_timestamp_seconds",
      List.of(PIPELINE),
      WHEN_KNOWN,
      "Unix time the pipeline's last successful night finished (exit 0 or 3), from the ledger"),
  /** When this pipeline last failed a night, from the ledger. */
  LAST_FAILURE(
      "nightscribe.last.failure.timestamp",
      "seconds",
      GAUGE,
      "nightscribe_last_failure_timestamp_seconds",
      List.of(PIPELINE),
      WHEN_KNOWN,
      "Unix time the pipeline's last failed night ended (exit 1), from the ledger"),
  /** How often the pipeline is scheduled; the missed-night rule assumes a day without it. */
  SCHEDULE_INTERVAL(
      "nightscribe.schedule.interval",
      "seconds",
      GAUGE,
      "nightscribe_schedule_interval_seconds",
      List.of(PIPELINE),
      WHEN_KNOWN,
      "Seconds between two scheduled nights of the pipeline (86400 for a daily schedule)"),
  /** The night's drift against the model's reference profile, 0 (none) to 1, per kind. */
  DRIFT_SCORE(
      "nightscribe.drift.score",
      null,
      GAUGE,
      "nightscribe_drift_score",
      List.of(PIPELINE, MODEL, MODEL_VERSION, KIND),
      END_OF_NIGHT,
      "Drift of the night against the model's reference profile, 0 (none) to 1, per kind"),
  /** The level the drift score reached: 0 ok, 1 warn, 2 alert, 3 retrain. */
  DRIFT_LEVEL(
      "nightscribe.drift.level",
      null,
      GAUGE,
      "nightscribe_drift_level",
      List.of(PIPELINE, MODEL, MODEL_VERSION, KIND),
      END_OF_NIGHT,
      "Drift level of the night per kind: 0 ok, 1 warn, 2 alert, 3 retrain");

  private final String meterName;
  private final String baseUnit;
  private final MetricType type;
  private final String prometheusName;
  private final List<String> labelKeys;
  private final Presence presence;
  private final String description;

  NightMetric(
      String meterName,
      String baseUnit,
      MetricType type,
      String prometheusName,
      List<String> labelKeys,
      Presence presence,
      String description) {
    this.meterName = meterName;
    this.baseUnit = baseUnit;
    this.type = type;
    this.prometheusName = prometheusName;
    this.labelKeys = labelKeys;
    this.presence = presence;
    this.description = description;
  }

  /** The Micrometer meter name, dotted: registries apply their own naming convention. */
  public String meterName() {
    return meterName;
  }

  /** The Micrometer base unit ({@code seconds}, {@code ratio}), or null for a plain count. */
  public String baseUnit() {
    return baseUnit;
  }

  public MetricType type() {
    return type;
  }

  /**
   * The name Prometheus sees (what rules and dashboards query): with {@code _total} for counters,
   * the base unit as suffix; histograms add {@code _bucket}, {@code _count}, {@code _sum}.
   */
  public String prometheusName() {
    return prometheusName;
  }

  /** Every label key of the metric, in documentation order. */
  public List<String> labelKeys() {
    return labelKeys;
  }

  public Presence presence() {
    return presence;
  }

  /**
   * The HELP text. Constant on purpose: the Pushgateway keeps one HELP per metric name across
   * groups (logging a warning for the others) and refuses a push whose TYPE differs from another
   * group's.
   */
  public String description() {
    return description;
  }
}
