package io.nightscribe.batch.config;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import io.nightscribe.asr.pipeline.DatedLocationTemplate;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.config.PipelineProperties.DecodingProperties;
import io.nightscribe.runs.drift.DriftPolicies;
import io.nightscribe.runs.drift.DriftPolicy;
import io.nightscribe.runs.partition.CronSchedule;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.runs.partition.Pipelines;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The declared pipelines, turned into validated definitions and drift policies. Thread-safe. */
public final class PipelineCatalog implements Pipelines, DriftPolicies {
  private final Map<String, PipelineProperties> declared;

  public PipelineCatalog(NightscribeProperties properties) {
    this.declared = properties.pipelines();
  }

  @Override
  public List<String> names() {
    return List.copyOf(declared.keySet());
  }

  @Override
  public PipelineDefinition pipeline(String name) {
    PipelineProperties pipeline = declared.get(name);
    if (pipeline == null) {
      throw NightscribeException.configuration(
          "Unknown pipeline '"
              + name
              + "': declare it under nightscribe.pipelines in your configuration file"
              + (declared.isEmpty()
                  ? " (none are declared)"
                  : " (declared: " + String.join(", ", declared.keySet()) + ")"));
    }
    try {
      require(pipeline.input(), name, "input");
      require(pipeline.output(), name, "output");
      var decoding = pipeline.decoding();
      // checked here, at the start of a night, rather than when the night's drift is scored
      pipeline.drift().toPolicy();
      return new PipelineDefinition(
          name,
          DatedLocationTemplate.parse(pipeline.input()),
          StorageUri.parse(pipeline.output()).asPrefix(),
          pipeline.model(),
          ZoneId.of(pipeline.timeZone()),
          pipeline.schedule().isBlank()
              ? Optional.empty()
              : Optional.of(new CronSchedule(pipeline.schedule())),
          new DecodingSettings(
              decoding.chunkMillis(),
              decoding.overlapMillis(),
              decoding.maxBatchMillis(),
              decoding.options(),
              segmentation(decoding, name)));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw invalid(name, "", e);
    }
  }

  /**
   * The drift policy of {@code name}; the default for a pipeline not declared (ad-hoc runs).
   *
   * @throws NightscribeException CONFIGURATION when its drift block is invalid
   */
  @Override
  public DriftPolicy of(String name) {
    PipelineProperties pipeline = declared.get(name);
    if (pipeline == null) {
      return DriftPolicy.DEFAULT;
    }
    try {
      return pipeline.drift().toPolicy();
    } catch (IllegalArgumentException e) {
      throw invalid(name, ".drift", e);
    }
  }

  /** The one-line error for pipeline {@code name}, pointing at its block {@code setting}. */
  private static NightscribeException invalid(String name, String setting, RuntimeException e) {
    return NightscribeException.configuration(
        "Invalid pipeline '"
            + name
            + "': "
            + e.getMessage()
            + " (fix nightscribe.pipelines."
            + name
            + setting
            + ")",
        e);
  }

  private static Optional<PauseSegmentation> segmentation(
      DecodingProperties decoding, String name) {
    return switch (decoding.segmentation()) {
      case DecodingProperties.PAUSES -> Optional.of(decoding.pauses().toSegmentation());
      case DecodingProperties.FIXED_WINDOWS -> Optional.empty();
      default ->
          throw new IllegalArgumentException(
              "nightscribe.pipelines."
                  + name
                  + ".decoding.segmentation is '"
                  + decoding.segmentation()
                  + "' (use "
                  + DecodingProperties.PAUSES
                  + " or "
                  + DecodingProperties.FIXED_WINDOWS
                  + ")");
    };
  }

  private static void require(String value, String pipeline, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "nightscribe.pipelines." + pipeline + "." + key + " is not set");
    }
  }
}
