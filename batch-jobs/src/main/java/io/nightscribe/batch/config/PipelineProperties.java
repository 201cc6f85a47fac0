package io.nightscribe.batch.config;

import io.nightscribe.asr.engine.PauseSegmentation;
import io.nightscribe.monitoring.drift.DriftThresholds;
import io.nightscribe.runs.drift.DriftPolicy;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One pipeline as declared in YAML under {@code nightscribe.pipelines.<name>}.
 *
 * @param input the input location with the date in it: {@code
 *     s3://raw-audio/twi/{date:yyyy/MM/dd}/}
 * @param output the output root: transcripts go to {@code <output>/<pipeline>/date=YYYY-MM-DD/}
 * @param model the model reference (default: the built-in small US-English Vosk model)
 * @param timeZone the zone whose "yesterday" is the default date, and the schedule's zone
 * @param schedule when a scheduler fires it: a five-field cron expression ("30 2 * * *"), empty for
 *     a pipeline that is not scheduled
 * @param decoding how audio is cut and decoded
 * @param kubernetes how its pods run on Kubernetes (nightscribe k8s render); null for the defaults
 * @param runner where its audio is transcribed: {@code in-process} (the nightscribe process) or
 *     {@code spark} (the executors of the cluster its {@code spark} block names)
 * @param spark the Spark cluster and resources, for {@code runner: spark}
 * @param drift when a night's drift is a warning, an alert or a call to retrain
 */
public record PipelineProperties(
    String input,
    String output,
    @DefaultValue("builtin:vosk-model-small-en-us") String model,
    @DefaultValue("UTC") String timeZone,
    @DefaultValue("") String schedule,
    @DefaultValue DecodingProperties decoding,
    KubernetesPodProperties kubernetes,
    @DefaultValue(IN_PROCESS) String runner,
    @DefaultValue SparkProperties spark,
    @DefaultValue DriftProperties drift) {
  public static final String IN_PROCESS = "in-process";
  public static final String SPARK = "spark";

  /** Whether it runs on Spark on Kubernetes. */
  boolean sparkOnKubernetes() {
    return runner.equals(SPARK) && spark.onKubernetes();
  }

  /**
   * A pipeline's drift block: the score thresholds of the levels (see docs/monitoring.md "Drift")
   * and the baseline of a model without a reference profile.
   *
   * @param warn above this score a night is "warn"
   * @param alert above this, "alert"
   * @param retrain above this, "retrain": run.json and the MLflow run say a retrain is requested
   * @param baselineNights earlier completed nights a night is compared with when its model has no
   *     reference profile (0: none)
   */
  public record DriftProperties(
      @DefaultValue("0.10") double warn,
      @DefaultValue("0.25") double alert,
      @DefaultValue("0.50") double retrain,
      @DefaultValue("7") int baselineNights) {

    DriftPolicy toPolicy() {
      return new DriftPolicy(new DriftThresholds(warn, alert, retrain), baselineNights);
    }
  }

  /**
   * @param chunkMillis the longest piece of audio an engine gets
   * @param overlapMillis overlap where audio is cut without a pause
   * @param maxBatchMillis audio per engine batch
   * @param segmentation {@code pauses} (cut where speech pauses) or {@code fixed-windows} (cut
   *     every {@code chunkMillis - overlapMillis}, as runs made before segmentation at pauses)
   * @param pauses how audio is cut at pauses
   * @param options engine-specific options
   */
  public record DecodingProperties(
      @DefaultValue("30000") long chunkMillis,
      @DefaultValue("2000") long overlapMillis,
      @DefaultValue("120000") long maxBatchMillis,
      @DefaultValue(PAUSES) String segmentation,
      @DefaultValue PausesProperties pauses,
      Map<String, String> options) {
    public static final String PAUSES = "pauses";
    public static final String FIXED_WINDOWS = "fixed-windows";

    public DecodingProperties {
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }

  /**
   * Segmentation at pauses; see {@link io.nightscribe.asr.engine.PauseSegmentation}.
   *
   * @param detector the speech detector, by name
   * @param thresholdPercent speech probability at which speech starts
   * @param minPauseMillis the shortest silence that ends a stretch of speech
   * @param padMillis audio kept on each side of a stretch
   * @param preferredMillis stretches are joined into segments up to this length...
   * @param joinPauseMillis ...across pauses no longer than this
   */
  public record PausesProperties(
      @DefaultValue(PauseSegmentation.SILERO_VAD) String detector,
      @DefaultValue("50") int thresholdPercent,
      @DefaultValue("300") long minPauseMillis,
      @DefaultValue("200") long padMillis,
      @DefaultValue("20000") long preferredMillis,
      @DefaultValue("2000") long joinPauseMillis) {

    PauseSegmentation toSegmentation() {
      return new PauseSegmentation(
          detector, thresholdPercent, minPauseMillis, padMillis, preferredMillis, joinPauseMillis);
    }
  }
}
