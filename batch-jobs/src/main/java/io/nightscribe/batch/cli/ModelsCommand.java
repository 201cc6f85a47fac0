package io.nightscribe.batch.cli;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.config.PipelineCatalog;
import io.nightscribe.lifecycle.gate.ModelGates;
import io.nightscribe.monitoring.drift.DriftSettings;
import io.nightscribe.registry.mlflow.ModelVersion;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.drift.ReferenceProfiler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe models}: model packages in MLflow's registry. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Model packages in MLflow's registry, the gate from @challenger to @champion, reference profiles.",
      "Register a version (it becomes @challenger), evaluate it against @champion on a frozen set, promote",
      "it only if the gate passes, roll back to the previous champion."
    },
    subcommands = {
      ModelsCommand.Register.class,
      ModelsCommand.Profile.class,
      ModelsCommand.Evaluate.class,
      ModelsCommand.Promote.class,
      ModelsCommand.Rollback.class
    })
public class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'nightscribe models register --help'");
  }

  /** Registers a package as a new version. */
  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description = {
        "Register a model package as a new version of a registered model.",
        "Its files are uploaded as the artifacts of a registration run (experiment nightscribe/models) and",
        "the version is tagged with the package's sha256, which every later load verifies. Pipelines then",
        "use models:/NAME@ALIAS or models:/NAME/VERSION."
      },
      footer = {
        "",
        "Example:",
        "  nightscribe models register --package file:///models/twi-v2 --name twi-asr",
        "  nightscribe models register --package builtin:vosk-model-small-en-us --name en-asr --alias champion"
      })
  static class Register implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Option(
        names = "--package",
        required = true,
        paramLabel = "REF",
        description =
            "The package: file:///folder, s3://bucket/folder/ or builtin:vosk-model-small-en-us.")
    String packageReference;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "The registered model (created when missing).")
    String name;

    @Option(
        names = "--alias",
        paramLabel = "ALIAS",
        defaultValue = "challenger",
        description = "The alias to point at the new version (default: challenger).")
    String alias;

    @Override
    public Integer call() {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Invalid --name '" + name + "': use letters, digits, '.', '_' or '-'");
      }
      if (!alias.matches("[A-Za-z][A-Za-z0-9_-]*")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Invalid --alias '" + alias + "': use letters, digits, '_' or '-'");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (var application = ApplicationContexts.modelOperations(context.configFile())) {
        ModelResolver models = application.getBean(ModelResolver.class);
        ModelPackage model = models.resolve(packageReference);
        ModelVersion version = models.registry().register(model, name, Optional.of(alias));
        if (context.json) {
          Map<String, Object> summary = new LinkedHashMap<>();
          summary.put("name", version.name());
          summary.put("version", version.version());
          summary.put("sha256", model.sha256());
          summary.put("aliases", version.aliases());
          summary.put("reference", "models:/" + version.name() + "/" + version.version());
          out.println(application.getBean(JsonMapper.class).writeValueAsString(summary));
        } else {
          out.printf(
              "Registered %s as models:/%s/%s (sha256 %s); @%s points at it.%n",
              packageReference, version.name(), version.version(), model.sha256(), alias);
        }
        return NightscribeCommand.OK;
      }
    }
  }

  /** Computes a package's reference profile for drift. */
  @Command(
      name = "profile",
      mixinStandardHelpOptions = true,
      description = {
        "Compute a model package's reference profile, the one each night's drift is measured against.",
        "Transcribes every audio object under --set (the model's evaluation set, or a night it did well on)",
        "as a night is transcribed, profiles inputs and outputs (duration, sample rate, codec, loudness,",
        "speech and clipping share; word confidence, words per minute, empty transcripts, out-of-vocabulary",
        "words) and writes them into the package folder as reference-profile.json. That file is not part",
        "of the package's sha256: runs and replays that recorded the model stay valid. Register the",
        "package afterwards (or again) to carry the profile into MLflow's registry. Features are compared",
        "only with 30 or more values on each side: profile at least 30 objects."
      },
      footer = {
        "",
        "Example:",
        "  nightscribe models profile --package file:///models/twi-v2 --set s3://datasets/twi-eval/audio/",
        "  nightscribe models profile --package file:///models/twi-v2 --set file:///data/good-night/ --pipeline twi"
      })
  static class Profile implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Option(
        names = "--package",
        required = true,
        paramLabel = "REF",
        description = "The package folder to write into: file:///folder.")
    String packageReference;

    @Option(
        names = "--set",
        required = true,
        paramLabel = "URI",
        description =
            "The audio to profile: a folder (s3:// or file://); text and JSON files are skipped.")
    String set;

    @Option(
        names = "--pipeline",
        paramLabel = "NAME",
        description =
            "Cut and decode the audio as this pipeline does (default: the default decoding settings).")
    String pipeline;

    @Override
    public Integer call() {
      if (!packageReference.startsWith("file:") && !packageReference.startsWith("/")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Cannot write a reference profile into "
                + packageReference
                + ": give a package folder (file:///folder); copy a registered or built-in package"
                + " to a folder first");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (var application = ApplicationContexts.modelOperations(context.configFile())) {
        ModelPackage model = application.getBean(ModelResolver.class).resolve(packageReference);
        DecodingSettings decoding =
            pipeline == null
                ? DecodingSettings.DEFAULTS
                : application.getBean(PipelineCatalog.class).pipeline(pipeline).decoding();
        ReferenceProfiler.Result result =
            new ReferenceProfiler(
                    application.getBean(ObjectStores.class),
                    application.getBean(PackageTranscriber.class))
                .profile(model, decoding, StorageUri.parse(set));
        Path written = ReferenceProfiler.write(model.directory(), result.profile());
        if (context.json) {
          Map<String, Object> summary = new LinkedHashMap<>();
          summary.put("package", packageReference);
          summary.put("sha256", model.sha256());
          summary.put("set", set);
          summary.put("profiled", result.transcribed());
          summary.put("leftOut", result.quarantined());
          summary.put("profile", written.toString());
          out.println(application.getBean(JsonMapper.class).writeValueAsString(summary));
        } else {
          out.printf(
              "Profiled %d objects of %s with %s %s (%d left out: not decodable); wrote %s"
                  + " (sha256 unchanged: %s).%n",
              result.transcribed(),
              set,
              model.name(),
              model.version(),
              result.quarantined(),
              written,
              model.sha256());
          if (result.transcribed() < DriftSettings.DEFAULTS.minSamples()) {
            out.printf(
                "Warning: fewer than %d objects: nights are not compared with it on most features;"
                    + " profile a larger set.%n",
                DriftSettings.DEFAULTS.minSamples());
          }
        }
        return NightscribeCommand.OK;
      }
    }
  }

  /** Who decides, for audit records: --by, else the user name. */
  static String decidedBy(String by) {
    return by != null ? by : System.getProperty("user.name", "unknown");
  }

  /** What a promotion or rollback names: the model, who decides and why. */
  static class Decision {
    @CommandLine.Parameters(paramLabel = "NAME", description = "The registered model.")
    String name;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the audit record.")
    String reason;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who decides (default: the user name).")
    String by;

    String decidedBy() {
      return ModelsCommand.decidedBy(by);
    }

    Optional<String> reason() {
      return Optional.ofNullable(reason);
    }
  }

  /** Evaluates @challenger against @champion. */
  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {
        "Compare @challenger with @champion on a frozen evaluation set.",
        "Transcribes the set (a dataset manifest) with both: WER overall and per slice, and a 95%% paired",
        "bootstrap interval of the difference. Says whether the challenger passes the gate",
        "(nightscribe.gate.*); records the evaluation in the ledger, as an MLflow run in nightscribe/models,",
        "and on the challenger version."
      },
      footer = {
        "",
        "Example:",
        "  nightscribe models evaluate twi-asr --set s3://datasets/twi-eval/"
      })
  static class Evaluate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @CommandLine.Parameters(paramLabel = "NAME", description = "The registered model.")
    String name;

    @Option(
        names = "--set",
        required = true,
        paramLabel = "URI",
        description = "The evaluation set: a dataset folder or its manifest.jsonl.")
    String set;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who evaluates (default: the user name).")
    String by;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (var application = ApplicationContexts.modelOperations(context.configFile())) {
        ModelGates.Evaluation evaluation =
            application
                .getBean(ModelGates.class)
                .evaluate(name, io.nightscribe.asr.storage.StorageUri.parse(set), decidedBy(by));
        var comparison = evaluation.comparison();
        if (context.json) {
          Map<String, Object> summary = new LinkedHashMap<>();
          summary.put("evaluationId", evaluation.id());
          summary.put("championVersion", evaluation.championVersion());
          summary.put("challengerVersion", evaluation.challengerVersion());
          summary.put("setSha256", evaluation.set().sha256());
          summary.put("comparison", comparison);
          summary.put("decision", evaluation.decision());
          summary.put("mlflowRunId", evaluation.mlflowRunId());
          out.println(application.getBean(JsonMapper.class).writeValueAsString(summary));
          return NightscribeCommand.OK;
        }
        out.printf(
            "Evaluation %s of %s on %s (%d utterances, sha256 %s)%n",
            evaluation.id(),
            name,
            evaluation.set().manifest(),
            comparison.utterances(),
            evaluation.set().sha256().substring(0, 12));
        out.printf(
            Locale.ROOT,
            "  champion   v%-4s WER %6.2f%%%n  challenger v%-4s WER %6.2f%%   difference %+.2f points, 95%% interval [%+.2f, %+.2f]%n",
            evaluation.championVersion(),
            comparison.championWer() * 100,
            evaluation.challengerVersion(),
            comparison.challengerWer() * 100,
            comparison.difference() * 100,
            comparison.differenceLow() * 100,
            comparison.differenceHigh() * 100);
        comparison
            .slices()
            .forEach(
                (slice, wer) ->
                    out.printf(
                        Locale.ROOT,
                        "  slice %-12s champion %6.2f%%  challenger %6.2f%%  (%d utterances)%n",
                        slice,
                        wer.champion() * 100,
                        wer.challenger() * 100,
                        wer.utterances()));
        if (evaluation.decision().passed()) {
          out.printf(
              "PASSES the gate: 'nightscribe models promote %s' makes it the champion.%n", name);
        } else {
          out.println("FAILS the gate:");
          evaluation.decision().reasons().forEach(reason -> out.println("  - " + reason));
        }
        return NightscribeCommand.OK;
      }
    }
  }

  /** Promotes @challenger to @champion through the gate. */
  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = {
        "Make @challenger the champion, if it passed the gate.",
        "Points @champion at @challenger when the newest evaluation of this challenger against this champion",
        "passed. Records who, when and the evidence in the ledger and on both MLflow versions."
      },
      footer = {
        "",
        "Exit codes: 0 promoted, 4 refused by the gate, 2 usage or configuration error."
      })
  static class Promote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Mixin Decision decision;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (var application = ApplicationContexts.modelOperations(context.configFile())) {
        ModelGates.Outcome outcome =
            application
                .getBean(ModelGates.class)
                .promote(decision.name, decision.decidedBy(), decision.reason());
        if (!outcome.changed()) {
          out.printf("Refused: %s's challenger did not pass the gate:%n", decision.name);
          outcome.refusedBecause().forEach(r -> out.println("  - " + r));
          return REFUSED;
        }
        var audit = outcome.audit().orElseThrow();
        out.printf(
            "Promoted %s version %s to @champion (was version %s); audit %s, evidence %s.%n",
            decision.name,
            audit.toVersion(),
            audit.fromVersion().orElse("?"),
            audit.promotionId(),
            audit.evaluationId().orElse("?"));
        return NightscribeCommand.OK;
      }
    }
  }

  /** Puts @champion back on the version the last promotion replaced. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Put @champion back on the version the last promotion replaced.",
        "Records who, when and why in the ledger and on the MLflow version."
      })
  static class Rollback implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Mixin Decision decision;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (var application = ApplicationContexts.modelOperations(context.configFile())) {
        var audit =
            application
                .getBean(ModelGates.class)
                .rollback(decision.name, decision.decidedBy(), decision.reason())
                .audit()
                .orElseThrow();
        out.printf(
            "Rolled %s @champion back to version %s (from version %s); audit %s.%n",
            decision.name, audit.toVersion(), audit.fromVersion().orElse("?"), audit.promotionId());
        return NightscribeCommand.OK;
      }
    }
  }

  /** Exit code of a promotion the gate refused. */
  static final int REFUSED = 4;
}
