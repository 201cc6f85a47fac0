package io.nightscribe.batch.job;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.ledger.RunLedger;
import io.nightscribe.batch.ledger.RunLedger.PlannedObject;
import io.nightscribe.batch.ledger.RunRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step: creates the run in the ledger and records every input object the listing finds, page
 * by page, so later steps (and restarts) work from a fixed list.
 */
public class PlanInputsTasklet implements Tasklet {
  private static final Logger log = LoggerFactory.getLogger(PlanInputsTasklet.class);
  private static final int PAGE = 1000;

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final Clock clock;

  public PlanInputsTasklet(RunLedger ledger, ObjectStores stores, Clock clock) {
    this.ledger = ledger;
    this.stores = stores;
    this.clock = clock;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
    long instanceId = jobExecution.getJobInstance().getInstanceId();
    RunParameters.StepView view = RunParameters.StepView.of(jobExecution.getJobParameters());
    RunRow run = ledger.runOfJobInstance(instanceId).orElseGet(() -> createRun(instanceId, view));
    if (ledger.hasPlannedInputs(run.runId())) {
      return RepeatStatus.FINISHED;
    }
    int planned = plan(run.runId(), view.input());
    log.info("Run {} planned {} inputs under {}", run.runId(), planned, view.input());
    return RepeatStatus.FINISHED;
  }

  private RunRow createRun(long instanceId, RunParameters.StepView view) {
    RunRow run =
        new RunRow(
            RunLedger.newRunId(),
            Optional.of(instanceId),
            view.jobKind(),
            view.pipeline(),
            view.date(),
            view.input().toString(),
            view.outputRoot().toString(),
            view.modelReference(),
            view.modelName(),
            view.modelVersion(),
            view.modelSha256(),
            view.configHash(),
            view.settingsJson(),
            "RUNNING",
            clock.instant(),
            Optional.empty(),
            Optional.empty(),
            "pending",
            Optional.empty());
    ledger.createRun(run);
    return run;
  }

  private int plan(String runId, StorageUri input) {
    ObjectStore store = stores.forUri(input);
    if (!input.isPrefix()) {
      Optional<ObjectInfo> single = store.stat(input);
      if (single.isPresent()) {
        String name = input.key().substring(input.key().lastIndexOf('/') + 1);
        ledger.planInputs(runId, List.of(new PlannedObject(name, single.get())));
        return 1;
      }
      input = input.asPrefix();
    }
    StorageUri prefix = input;
    int planned = 0;
    List<PlannedObject> page = new ArrayList<>(PAGE);
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      for (var iterator = listing.iterator(); iterator.hasNext(); ) {
        ObjectInfo info = iterator.next();
        page.add(new PlannedObject(prefix.relativize(info.uri()), info));
        if (page.size() == PAGE) {
          ledger.planInputs(runId, page);
          planned += page.size();
          page.clear();
        }
      }
    }
    ledger.planInputs(runId, page);
    return planned + page.size();
  }
}
