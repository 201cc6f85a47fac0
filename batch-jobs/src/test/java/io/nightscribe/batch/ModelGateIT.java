package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.vosk.VoskSmallEnUs;
import io.nightscribe.asr.manifest.DatasetEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.Folders;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowModelRegistry;
import io.nightscribe.testsupport.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate between @challenger and @champion on a real MLflow registry, with two real Vosk packages
 * of different quality: the full small model, and the same model searching a far narrower beam.
 */
class ModelGateIT {
  @TempDir Path workDir;

  @Test
  void theGatePromotesABetterChallengerRefusesAWorseOneAndRollbackRestoresTheChampion()
      throws Exception {
    String name = "gated-" + UUID.randomUUID().toString().substring(0, 8);
    Path good = workDir.resolve("good");
    Folders.copyTree(
        new BuiltinModels(workDir.resolve("unpacked")).get(VoskSmallEnUs.NAME).directory(), good);
    Path narrow = workDir.resolve("narrow-beam");
    Folders.copyTree(good, narrow);
    Files.writeString(
        narrow.resolve("conf/model.conf"),
        Files.readString(good.resolve("conf/model.conf"))
            .replace("--min-active=200", "--min-active=5")
            .replace("--max-active=3000", "--max-active=7")
            .replace("--beam=10.0", "--beam=2.0"));
    Path set = evaluationSet();
    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              model-cache: %s
              mlflow:
                tracking-uri: %s
            """
                .formatted(
                    workDir.resolve("home"),
                    workDir.resolve("cache"),
                    MlflowServer.shared().trackingUri()));
    var nightscribe = new NightscribeProcess(workDir);
    MlflowModelRegistry registry =
        MlflowClient.create(MlflowServer.shared().trackingUri(), null).modelRegistry();

    // given a narrow-beam champion (v1) and the full model as challenger (v2)
    run(
        nightscribe,
        0,
        "models",
        "register",
        "--package",
        uri(narrow),
        "--name",
        name,
        "--alias",
        "champion",
        "--config",
        config.toString());
    run(
        nightscribe,
        0,
        "models",
        "register",
        "--package",
        uri(good),
        "--name",
        name,
        "--config",
        config.toString());

    // when the challenger is evaluated and promoted
    var better =
        run(
            nightscribe,
            0,
            "models",
            "evaluate",
            name,
            "--set",
            uri(set),
            "--config",
            config.toString());
    var promoted =
        run(
            nightscribe,
            0,
            "models",
            "promote",
            name,
            "--by",
            "ml-lead",
            "--reason",
            "wider beam",
            "--config",
            config.toString());

    // then it passes the gate and becomes the champion
    assertThat(better.stdout()).contains("PASSES the gate");
    assertThat(promoted.stdout())
        .startsWith("Promoted " + name + " version 2 to @champion (was version 1)");
    assertThat(registry.versionByAlias(name, "champion").orElseThrow().version()).isEqualTo("2");
    assertThat(registry.version(name, "2").orElseThrow().tags().get("nightscribe.promoted"))
        .contains("by ml-lead on evaluation evaluation-");

    // when a worse challenger (v3) is evaluated and put forward
    run(
        nightscribe,
        0,
        "models",
        "register",
        "--package",
        uri(narrow),
        "--name",
        name,
        "--config",
        config.toString());
    var worse =
        run(
            nightscribe,
            0,
            "models",
            "evaluate",
            name,
            "--set",
            uri(set),
            "--config",
            config.toString());
    var refused = run(nightscribe, 4, "models", "promote", name, "--config", config.toString());

    // then the gate refuses it and the champion stays
    assertThat(worse.stdout())
        .contains("FAILS the gate:")
        .contains("does not exclude no improvement");
    assertThat(refused.stdout())
        .startsWith("Refused: " + name + "'s challenger did not pass the gate:");
    assertThat(registry.versionByAlias(name, "champion").orElseThrow().version()).isEqualTo("2");

    // and a rollback puts the previous champion back, on the record
    var rolledBack =
        run(
            nightscribe,
            0,
            "models",
            "rollback",
            name,
            "--by",
            "on-call",
            "--reason",
            "regression in prod",
            "--config",
            config.toString());
    assertThat(rolledBack.stdout())
        .startsWith("Rolled " + name + " @champion back to version 1 (from version 2)");
    assertThat(registry.versionByAlias(name, "champion").orElseThrow().version()).isEqualTo("1");
    assertThat(auditTrail())
        .containsExactly(
            "PROMOTE 1->2 ml-lead wider beam", "ROLLBACK 2->1 on-call regression in prod");
  }

  /**
   * The sample speech as a dataset: flite sentences are the synthetic slice, recordings the real
   * one.
   */
  private Path evaluationSet() throws Exception {
    SampleSpeech samples = SampleSpeech.shared();
    List<DatasetEntry> entries = new ArrayList<>();
    for (String key : samples.speechKeys()) {
      Path audio = samples.file(key);
      entries.add(
          new DatasetEntry(
              key,
              StorageUri.ofPath(audio, false).toString(),
              samples.reference(key),
              Sha256.hex(Files.readAllBytes(audio)),
              key.startsWith("flite/") ? "synthetic" : "real"));
    }
    Path folder = Files.createDirectories(workDir.resolve("eval-set"));
    Files.write(folder.resolve("manifest.jsonl"), JsonLinesManifest.writeDataset(entries).bytes());
    return folder;
  }

  private List<String> auditTrail() throws Exception {
    List<String> trail = new ArrayList<>();
    String url = "jdbc:h2:file:" + workDir.resolve("home/ledger/nightscribe") + ";MODE=PostgreSQL";
    try (Connection ledger = DriverManager.getConnection(url, "sa", "");
        ResultSet rows =
            ledger
                .createStatement()
                .executeQuery(
                    "SELECT action, from_version, to_version, decided_by, reason FROM ns_model_promotion ORDER BY decided_at")) {
      while (rows.next()) {
        trail.add(
            rows.getString(1)
                + " "
                + rows.getString(2)
                + "->"
                + rows.getString(3)
                + " "
                + rows.getString(4)
                + " "
                + rows.getString(5));
      }
    }
    return trail;
  }

  private static NightscribeProcess.Finished run(
      NightscribeProcess nightscribe, int exitCode, String... args) throws Exception {
    var finished = nightscribe.run(args);
    assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(exitCode);
    return finished;
  }

  private static String uri(Path folder) {
    return StorageUri.ofPath(folder, true).toString();
  }
}
