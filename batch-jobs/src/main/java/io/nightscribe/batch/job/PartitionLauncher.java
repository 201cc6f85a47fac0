package io.nightscribe.batch.job;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.transcript.SettingsDigest;
import io.nightscribe.batch.ledger.Heartbeat;
import io.nightscribe.batch.ledger.RunLedger;
import io.nightscribe.batch.ledger.RunOwner;
import io.nightscribe.batch.ledger.RunRow;
import io.nightscribe.batch.model.ModelResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs one partition as its job instance: does nothing (and says so) when the instance already
 * completed, recovers an execution left behind by a killed process, and restarts a failed one where
 * it stopped.
 */
public class PartitionLauncher {
  private static final Logger log = LoggerFactory.getLogger(PartitionLauncher.class);

  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final Job job;
  private final RunLedger ledger;
  private final ModelResolver models;
  private final Clock clock;
  private final Duration staleAfter;

  public PartitionLauncher(
      JobOperator jobOperator,
      JobRepository jobRepository,
      Job job,
      RunLedger ledger,
      ModelResolver models,
      Clock clock,
      Duration staleAfter) {
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.job = job;
    this.ledger = ledger;
    this.models = models;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  /**
   * Runs {@code request} to its end.
   *
   * @throws NightscribeException CONFIGURATION for anything the user must fix first (unknown model,
   *     missing bucket)
   */
  public PartitionResult launch(PartitionRequest request) {
    JobParameters jobParameters = jobParameters(request);
    JobExecution last = jobRepository.getLastJobExecution(job.getName(), jobParameters);
    if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
      RunRow run = ledger.runOfJobInstance(last.getJobInstance().getInstanceId()).orElseThrow();
      return PartitionResult.alreadyDone(run);
    }
    if (last != null && last.getStatus().isRunning()) {
      recoverIfDead(request, last);
    }
    JobExecution execution = start(jobParameters);
    Optional<RunRow> run = ledger.runOfJobInstance(execution.getJobInstance().getInstanceId());
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      run.ifPresent(r -> ledger.updateStatus(r.runId(), "FAILED"));
      throw rootFailure(execution, request);
    }
    return PartitionResult.finished(run.orElseThrow());
  }

  /**
   * Where {@code request} stands with the model and settings it resolves to now, without running
   * anything: what a backfill plans from.
   *
   * @throws NightscribeException CONFIGURATION when the model cannot be resolved
   */
  public PartitionState state(PartitionRequest request) {
    JobExecution last = jobRepository.getLastJobExecution(job.getName(), jobParameters(request));
    if (last == null) {
      return PartitionState.never();
    }
    Optional<RunRow> run = ledger.runOfJobInstance(last.getJobInstance().getInstanceId());
    return last.getStatus() == BatchStatus.COMPLETED
        ? PartitionState.completed(run.orElseThrow())
        : PartitionState.unfinished(run);
  }

  private JobParameters jobParameters(PartitionRequest request) {
    ModelPackage model = models.resolve(request.modelReference());
    return new RunParameters(
            request,
            model,
            SettingsDigest.sha256(request.decoding()),
            new String(
                SettingsDigest.canonicalJson(request.decoding()),
                java.nio.charset.StandardCharsets.UTF_8))
        .toJobParameters();
  }

  private void recoverIfDead(PartitionRequest request, JobExecution last) {
    Optional<RunRow> run = ledger.runOfJobInstance(last.getJobInstance().getInstanceId());
    Optional<Heartbeat> heartbeat = run.flatMap(r -> ledger.lastHeartbeat(r.runId()));
    boolean ownerGone =
        heartbeat.flatMap(Heartbeat::owner).map(RunOwner::isGoneFromThisHost).orElse(false);
    Instant lastSign = heartbeat.map(Heartbeat::at).orElse(Instant.EPOCH);
    if (!ownerGone && Duration.between(lastSign, clock.instant()).compareTo(staleAfter) < 0) {
      throw NightscribeException.configuration(
          "Cannot start "
              + request.displayName()
              + ": run "
              + run.map(RunRow::runId).orElse("?")
              + " is running it now (wait for it, or stop it first)");
    }
    log.info(
        "Recovering {}: its last execution was left {} by a process that died",
        request.displayName(),
        last.getStatus());
    jobOperator.recover(last);
  }

  private JobExecution start(JobParameters jobParameters) {
    try {
      return jobOperator.start(job, jobParameters);
    } catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException e) {
      throw NightscribeException.configuration(
          "Cannot start: the partition is already running (" + e.getMessage() + ")", e);
    } catch (org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException
        | org.springframework.batch.core.launch.JobRestartException
        | org.springframework.batch.core.job.parameters.InvalidJobParametersException e) {
      throw NightscribeException.internal(
          "Cannot start the transcription job: " + e.getMessage(), e);
    }
  }

  /**
   * The failure to report: the first nightscribe error among the execution's failures, else the
   * first failure.
   */
  private static NightscribeException rootFailure(
      JobExecution execution, PartitionRequest request) {
    var failures = execution.getAllFailureExceptions();
    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof NightscribeException nightscribe) {
          return nightscribe;
        }
      }
    }
    Throwable first = failures.isEmpty() ? null : failures.get(0);
    return NightscribeException.internal(
        "Cannot finish "
            + request.displayName()
            + ": "
            + (first == null ? "the job ended " + execution.getStatus() : first.toString()),
        first);
  }
}
