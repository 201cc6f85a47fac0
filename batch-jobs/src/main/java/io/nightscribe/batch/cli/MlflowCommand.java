package io.nightscribe.batch.cli;

import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.mlflow.MlflowMirror;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nightscribe mlflow}: MLflow housekeeping. */
@Command(
    name = "mlflow",
    mixinStandardHelpOptions = true,
    description = "MLflow housekeeping.",
    subcommands = {MlflowCommand.Sync.class})
public class MlflowCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'nightscribe mlflow sync'");
  }

  /** Publishes the runs queued while MLflow was unreachable. */
  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Publish the runs queued while MLflow was unreachable.",
        "Publishes every run in the ledger's outbox and marks its run.json as synced.",
        "Exit 0 when none is left queued, 1 otherwise."
      })
  static class Sync implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Override
    public Integer call() {
      try (var application =
          ApplicationContexts.transcription(context.configFile(), RunProgress.SILENT)) {
        int left = application.getBean(MlflowMirror.class).sync();
        spec.commandLine()
            .getOut()
            .println(
                left == 0 ? "MLflow is in sync." : left + " runs are still queued for MLflow.");
        return left == 0 ? NightscribeCommand.OK : NightscribeCommand.FAILED;
      }
    }
  }
}
