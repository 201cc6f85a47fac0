package io.nightscribe.batch.cli;

import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.batch.job.RunProgress;
import io.nightscribe.batch.model.ModelResolver;
import io.nightscribe.registry.mlflow.ModelVersion;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
    description = "Model packages in MLflow's model registry.",
    subcommands = {ModelsCommand.Register.class})
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
        "Register a model package as a new version of a registered model: its files are uploaded as the",
        "artifacts of a registration run in the experiment nightscribe/models, and the version is tagged",
        "with the package's sha256, which every later load verifies. Pipelines then use models:/NAME@ALIAS",
        "or models:/NAME/VERSION."
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
      try (var application = ApplicationContexts.start(context.configFile(), RunProgress.SILENT)) {
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
}
