package io.nightscribe.batch.config;

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
 */
public record PipelineProperties(
    String input,
    String output,
    @DefaultValue("builtin:vosk-model-small-en-us") String model,
    @DefaultValue("UTC") String timeZone,
    @DefaultValue("") String schedule,
    @DefaultValue DecodingProperties decoding,
    KubernetesPodProperties kubernetes) {

  /**
   * @param chunkMillis chunk length
   * @param overlapMillis overlap between chunks
   * @param maxBatchMillis audio per engine batch
   * @param options engine-specific options
   */
  public record DecodingProperties(
      @DefaultValue("30000") long chunkMillis,
      @DefaultValue("2000") long overlapMillis,
      @DefaultValue("120000") long maxBatchMillis,
      Map<String, String> options) {
    public DecodingProperties {
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }
}
