package io.nightscribe.batch.job;

import io.nightscribe.monitoring.Runner;
import io.nightscribe.monitoring.Stage;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transcription job's three steps, each a call into the run core: plan the run, transcribe what
 * is pending, finish the run. Spring Batch keeps which steps completed; the ledger keeps everything
 * else, so a step restarted after a kill redoes nothing the core finished.
 */
public final class TranscriptionSteps {
  /** The exit status of a run that finished with quarantined inputs. */
  public static final String QUARANTINED_EXIT = RunStatus.COMPLETED_WITH_QUARANTINE.name();

  private final TranscriptionRuns runs;
  private final ModelResolver models;
  private final RunProgress progress;
  private final JsonMapper json;

  public TranscriptionSteps(
      TranscriptionRuns runs, ModelResolver models, RunProgress progress, JsonMapper json) {
    this.runs = runs;
    this.models = models;
    this.progress = progress;
    this.json = json;
  }

  /** Creates the run with every input listed, or finds it. */
  public RepeatStatus plan(StepContribution contribution, ChunkContext chunk) {
    JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
    ResolvedPartition partition = partition(job);
    runs.monitor()
        .watch(partition, Runner.IN_PROCESS)
        .timed(
            Stage.LIST,
            () ->
                runs.planner().plan(partition, Optional.of(job.getJobInstance().getInstanceId())));
    return RepeatStatus.FINISHED;
  }

  /** Transcribes the inputs the ledger still has as pending. */
  public RepeatStatus transcribe(StepContribution contribution, ChunkContext chunk) {
    JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
    ResolvedPartition partition = partition(job);
    runs.transcription().transcribe(run(partition), partition, counting(contribution));
    return RepeatStatus.FINISHED;
  }

  /** Writes the manifests, mirrors the run to MLflow and writes run.json. */
  public RepeatStatus finish(StepContribution contribution, ChunkContext chunk) {
    var step = chunk.getStepContext().getStepExecution();
    JobExecution job = step.getJobExecution();
    ResolvedPartition partition = partition(job);
    RunRow finished = runs.finisher().finish(run(partition), partition, wallTime(job));
    if (finished.status() == RunStatus.COMPLETED_WITH_QUARANTINE) {
      step.setExitStatus(new ExitStatus(QUARANTINED_EXIT));
    }
    return RepeatStatus.FINISHED;
  }

  private ResolvedPartition partition(JobExecution job) {
    return RunParameters.partition(job.getJobParameters(), models, json);
  }

  private RunRow run(ResolvedPartition partition) {
    return runs.ledger().runOfPartition(partition.key()).orElseThrow();
  }

  /** Time spent in this execution so far; a restarted run counts only its last execution. */
  private static Duration wallTime(JobExecution job) {
    LocalDateTime start = job.getStartTime();
    return start == null ? Duration.ZERO : Duration.between(start, LocalDateTime.now());
  }

  /** The progress, counting into the step's contribution as Spring Batch's own counts. */
  private RunProgress counting(StepContribution contribution) {
    return new RunProgress() {
      @Override
      public void start(String runId, int totalInputs, int alreadyDone, long pendingBytes) {
        progress.start(runId, totalInputs, alreadyDone, pendingBytes);
      }

      @Override
      public void transcribed(String key, long sizeBytes, long audioMillis) {
        synchronized (contribution) {
          contribution.incrementWriteCount(1);
        }
        progress.transcribed(key, sizeBytes, audioMillis);
      }

      @Override
      public void quarantined(String key, long sizeBytes) {
        synchronized (contribution) {
          contribution.incrementProcessSkipCount();
        }
        progress.quarantined(key, sizeBytes);
      }

      @Override
      public void finish() {
        progress.finish();
      }
    };
  }
}
