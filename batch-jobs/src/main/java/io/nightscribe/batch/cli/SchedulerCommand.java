package io.nightscribe.batch.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightscribe scheduler}: the long-running scheduler service. */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = {
      "Run the scheduler service until stopped: Quartz on a clustered job store in the ledger database fires every",
      "pipeline that declares a schedule (cron and time zone) for its logical date (the day before the fire time),",
      "catches up nights missed while no instance ran (within nightscribe.scheduler.catch-up-window), and takes",
      "backfills queued by 'nightscribe backfill request'. Run two or more instances on one PostgreSQL ledger: each",
      "night runs once whichever instance fires it, and one that dies mid-night is resumed by another.",
      "Serves /actuator/health, /actuator/health/liveness and /actuator/health/readiness."
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe scheduler --config /etc/nightscribe/nightscribe.yml",
      "  nightscribe scheduler --port 8081",
      "",
      "Stop it with SIGTERM: a night it was running is resumed by the next instance that fires it.",
      "Exit codes: 0 stopped, 2 usage or configuration error."
    })
public class SchedulerCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (YAML). Default: $NIGHTSCRIBE_CONFIG, else ./nightscribe.yml if present.")
  java.nio.file.Path config;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTP port of /actuator/health (default: server.port, else 8080).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    var service =
        ApplicationContexts.scheduler(ContextOptions.configFile(config), Optional.ofNullable(port));
    service.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent) {
            stopped.countDown();
          }
        });
    if (!service.isActive()) {
      return NightscribeCommand.OK;
    }
    stopped.await();
    return NightscribeCommand.OK;
  }
}
