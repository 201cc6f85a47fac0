package io.nightscribe.batch.plain;

import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.pipeline.DatedLocationTemplate;
import io.nightscribe.asr.pipeline.ExecutorSettings;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.vad.SpeechDetectors;
import io.nightscribe.registry.models.ModelPackageCache;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.jdbc.LedgerDataSource;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.runs.partition.ResolvedPartition;
import io.nightscribe.runs.record.CodeVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night through the run core from a plain {@code main}: the run core wired by hand, no Spring on
 * the class path (PlainNightIT starts it so), no application context. Prints whether Spring could
 * be found, then the run.
 *
 * <p>Arguments: LEDGER_URL USER PASSWORD SQL_FOLDER MODEL_CACHE PIPELINE INPUT_TEMPLATE OUTPUT_ROOT
 * DATE MODE, where MODE "run" runs the night and "plan" only plans its run (lists its inputs into
 * the ledger) and exits, leaving a run that the next launch of the night resumes: what a process
 * killed right after planning leaves, at a moment a test chooses.
 */
public final class PlainNight {
  private PlainNight() {}

  public static void main(String[] args) throws Exception {
    System.out.println("spring: " + (springIsPresent() ? "present" : "absent"));
    DataSource ledger = new LedgerDataSource(args[0], args[1], args[2]);
    Flyway.configure().dataSource(ledger).locations("filesystem:" + args[3]).load().migrate();
    Path modelCache = Path.of(args[4]);
    try (ObjectStores stores = ObjectStores.standard()) {
      ModelResolver models =
          new ModelResolver(
              new BuiltinModels(modelCache),
              Optional.empty(),
              stores,
              new ModelPackageCache(modelCache));
      PackageTranscriber transcriber =
          new PackageTranscriber(
              AsrEngines.installed(),
              SpeechDetectors.installed(),
              new FfmpegAudioDecoder(),
              ExecutorSettings.onCpu(2));
      TranscriptionRuns runs =
          new TranscriptionRuns(
              ledger,
              stores,
              models,
              transcriber,
              Optional.empty(),
              CodeVersion.fromClasspath(),
              new TranscriptionRuns.Settings(Duration.ofMinutes(1), Duration.ofSeconds(15)),
              Clock.systemUTC(),
              JsonMapper.builder()
                  .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                  .build());
      PipelineDefinition pipeline =
          new PipelineDefinition(
              args[5],
              DatedLocationTemplate.parse(args[6]),
              StorageUri.parse(args[7]),
              ModelResolver.BUILTIN_VOSK,
              ZoneId.of("UTC"),
              Optional.empty(),
              DecodingSettings.DEFAULTS);
      PartitionRequest request = pipeline.partition(LocalDate.parse(args[8]));
      if (args[9].equals("plan")) {
        RunRow planned =
            runs.planner()
                .plan(
                    ResolvedPartition.of(request, models.resolve(request.modelReference())),
                    Optional.empty());
        System.out.println("planned " + planned.runId());
        return;
      }
      PartitionResult result = runs.ledgerRunner(RunProgress.SILENT).run(request);
      System.out.println(
          (result.alreadyDone() ? "already done by " : "finished ")
              + result.run().runId()
              + " "
              + result.run().status());
    }
  }

  private static boolean springIsPresent() {
    try {
      Class.forName("org.springframework.context.ApplicationContext");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
