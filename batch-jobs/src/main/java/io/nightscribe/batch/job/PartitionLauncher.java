package io.nightscribe.batch.job;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.monitoring.Runner;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.execution.RunClaims;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.metrics.NightMonitor;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PartitionState;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs partitions in process as instances of the Spring Batch transcription job: a partition whose
 * run the ledger has as complete (whichever runner finished it) does nothing and says so; a run
 * left behind by a killed process is taken over and its job execution recovered; a failed one
 * restarts where it stopped. Thread-safe.
 */
public class PartitionLauncher implements PartitionRunner {
  private static final Logger log = LoggerFactory.getLogger(PartitionLauncher.class);

  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final Job job;
  private final RunLedger ledger;
  private final RunClaims claims;
  private final NightMonitor monitor;
  private final ModelResolver models;

  public PartitionLauncher(
      JobOperator jobOperator,
      JobRepository jobRepository,
      Job job,
      RunLedger ledger,
      RunClaims claims,
      NightMonitor monitor,
      ModelResolver models) {
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.job = job;
    this.ledger = ledger;
    this.claims = claims;
    this.monitor = monitor;
    this.models = models;
  }

  @Override
  public PartitionResult run(PartitionRequest request) {
    ResolvedPartition partition = resolve(request);
    Optional<RunRow> existing = ledger.runOfPartition(partition.key());
    if (existing.isPresent() && existing.get().status().completed()) {
      return PartitionResult.alreadyDone(existing.get());
    }
    JobParameters parameters = RunParameters.of(partition);
    existing.ifPresent(run -> claims.claim(run, request.displayName()));
    JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
    Optional<RunRow> recordedBeforeKeys = completedWithoutKey(last, partition);
    if (recordedBeforeKeys.isPresent()) {
      return PartitionResult.alreadyDone(recordedBeforeKeys.get());
    }
    if (last != null && last.getStatus().isRunning()) {
      log.info(
          "Recovering {}: its last execution was left {} by a process that died",
          request.displayName(),
          last.getStatus());
      jobOperator.recover(last);
    }
    monitor.begin(partition, Runner.IN_PROCESS);
    JobExecution execution;
    try {
      execution = start(parameters);
    } catch (RuntimeException e) {
      monitor.failed(partition);
      throw e;
    }
    Optional<RunRow> run = ledger.runOfPartition(partition.key());
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      run.ifPresent(r -> ledger.updateStatus(r.runId(), RunStatus.FAILED));
      monitor.failed(partition);
      throw rootFailure(execution, request);
    }
    monitor.finished(partition, run.orElseThrow());
    return PartitionResult.finished(run.orElseThrow());
  }

  @Override
  public PartitionState state(PartitionRequest request) {
    ResolvedPartition partition = resolve(request);
    Optional<RunRow> run = ledger.runOfPartition(partition.key());
    if (run.isPresent()) {
      return PartitionState.of(run);
    }
    JobExecution last =
        jobRepository.getLastJobExecution(job.getName(), RunParameters.of(partition));
    Optional<RunRow> recordedBeforeKeys = completedWithoutKey(last, partition);
    if (recordedBeforeKeys.isPresent()) {
      return PartitionState.completed(recordedBeforeKeys.get());
    }
    // an attempt that failed before it listed its inputs left a job execution and no run
    return last == null ? PartitionState.never() : PartitionState.unfinished(Optional.empty());
  }

  /**
   * The run of a job instance that completed before runs had partition keys (it is found by its job
   * instance and given its key), or empty.
   */
  private Optional<RunRow> completedWithoutKey(JobExecution last, ResolvedPartition partition) {
    if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
      return Optional.empty();
    }
    Optional<RunRow> run = ledger.runOfJobInstance(last.getJobInstance().getInstanceId());
    run.ifPresent(r -> ledger.link(r.runId(), partition.key(), Optional.empty()));
    return run;
  }

  private ResolvedPartition resolve(PartitionRequest request) {
    return ResolvedPartition.of(request, models.resolve(request.modelReference()));
  }

  private JobExecution start(JobParameters parameters) {
    try {
      return jobOperator.start(job, parameters);
    } catch (JobExecutionAlreadyRunningException e) {
      throw NightscribeException.configuration(
          "Cannot start: the partition is already running (" + e.getMessage() + ")", e);
    } catch (JobInstanceAlreadyCompleteException
        | JobRestartException
        | InvalidJobParametersException e) {
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
