package io.nightscribe.batch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PartitionState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PipelineRunnersTest {
  private final List<String> ran = new ArrayList<>();
  private final NightscribeProperties properties =
      new Binder(
              new MapConfigurationPropertySource(
                  Map.of(
                      "nightscribe.pipelines.local.input", "s3://raw/local/{date}/",
                      "nightscribe.pipelines.local.output", "s3://out/",
                      "nightscribe.pipelines.fleet.input", "s3://raw/fleet/{date}/",
                      "nightscribe.pipelines.fleet.output", "s3://out/",
                      "nightscribe.pipelines.fleet.runner", "spark",
                      "nightscribe.pipelines.fleet.spark.master", "spark://fleet:7077",
                      "nightscribe.spark.ad-hoc.master", "spark://adhoc:7077")))
          .bindOrCreate("nightscribe", NightscribeProperties.class);
  private final PipelineRunners runners =
      new PipelineRunners(
          recording("in-process"), spark -> recording("spark " + spark.master()), properties);
  private final PipelineCatalog catalog = new PipelineCatalog(properties);

  @Test
  void eachPipelineRunsWhereItsRunnerSays() {
    runners.run(night("local"));
    runners.run(night("fleet"));
    runners.forPipeline(catalog.pipeline("fleet")).run(night("fleet"));

    assertThat(ran)
        .containsExactly(
            "in-process local", "spark spark://fleet:7077 fleet", "spark spark://fleet:7077 fleet");
  }

  @Test
  void theCommandLinesRunnerWinsAndAdHocRunsUseTheAdHocCluster() {
    runners.choosing(Optional.of("spark")).run(night("local"));
    runners.choosing(Optional.of("in-process")).run(night("fleet"));
    runners
        .choosing(Optional.of("spark"))
        .run(
            PartitionRequest.adhoc(
                StorageUri.parse("s3://raw/x/"),
                StorageUri.parse("s3://out/x/"),
                "builtin:vosk-model-small-en-us",
                DecodingSettings.DEFAULTS));

    assertThat(ran)
        .containsExactly("spark  local", "in-process fleet", "spark spark://adhoc:7077 adhoc");
  }

  @Test
  void anUnknownRunnerIsAConfigurationErrorNamingWhereItWasGiven() {
    assertThatThrownBy(() -> runners.choosing(Optional.of("yarn")))
        .hasMessage("Unknown runner 'yarn' in --runner (use in-process or spark)");
  }

  private PartitionRequest night(String pipeline) {
    return catalog.pipeline(pipeline).partition(LocalDate.parse("2026-11-21"));
  }

  private PartitionRunner recording(String name) {
    return new PartitionRunner() {
      @Override
      public PartitionResult run(PartitionRequest request) {
        ran.add(name + " " + request.pipeline());
        return null;
      }

      @Override
      public PartitionState state(PartitionRequest request) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
