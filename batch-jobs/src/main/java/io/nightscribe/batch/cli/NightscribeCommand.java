package io.nightscribe.batch.cli;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Redaction;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nightscribe} command line: parses arguments, runs the command, maps outcomes to exit
 * codes.
 */
@Command(
    name = "nightscribe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Batch speech recognition with a run ledger, MLflow tracking and verifiable replay.",
    subcommands = {
      TranscribeCommand.class,
      BackfillCommand.class,
      ScheduleCommand.class,
      SchedulerCommand.class,
      HealthCommand.class,
      ReplayCommand.class,
      LineageCommand.class,
      ReportCommand.class,
      ModelsCommand.class,
      TrainCommand.class,
      ScoreCommand.class,
      DatasetCommand.class,
      MlflowCommand.class,
      K8sCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 failed (health: a dependency is down), 2 usage or configuration error,",
      "3 finished with quarantined inputs;",
      "replay: 4 DIFFERENT, 5 INPUT_CHANGED, 6 MODEL_UNAVAILABLE; models promote: 4 refused by the gate.",
      "Configuration: ./nightscribe.yml, or the file named by --config or NIGHTSCRIBE_CONFIG."
    })
public class NightscribeCommand implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int QUARANTINED = 3;

  private static final int HELP_WIDTH = 120;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'nightscribe --help'");
  }

  /** Runs the command line and returns the process exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with nightscribe's error handling and exit codes, writing to the console. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new NightscribeCommand());
    commandLine.setExecutionExceptionHandler(NightscribeCommand::handle);
    // descriptions are written as lines of up to about 105 characters: do not wrap them at 80
    commandLine.setUsageHelpWidth(HELP_WIDTH);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          e.getCommandLine().getErr().println("nightscribe: " + Redaction.redact(e.getMessage()));
          e.getCommandLine()
              .getErr()
              .println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    return commandLine;
  }

  private static int handle(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    NightscribeException known = find(e);
    if (known != null) {
      err.println("nightscribe: " + Redaction.redact(known.getMessage()));
      return known.category() == ErrorCategory.CONFIGURATION ? USAGE : FAILED;
    }
    err.println(
        "nightscribe: "
            + Redaction.redact(e.toString())
            + " (a bug: please report it with the log)");
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    err.print(Redaction.redact(trace.toString()));
    return FAILED;
  }

  private static NightscribeException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NightscribeException nightscribe) {
        return nightscribe;
      }
    }
    return null;
  }
}
