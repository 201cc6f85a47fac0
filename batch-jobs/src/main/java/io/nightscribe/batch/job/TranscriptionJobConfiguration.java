package io.nightscribe.batch.job;

import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.execution.RunProgress;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transcription job: plan the run, transcribe what is pending, finish the run. A failed or
 * killed execution, restarted, skips completed steps and transcribes only the inputs the ledger
 * still has as pending.
 */
@Configuration(proxyBeanMethods = false)
public class TranscriptionJobConfiguration {
  public static final String JOB_NAME = "transcribe";

  @Bean
  Job transcriptionJob(
      JobRepository jobRepository,
      TranscriptionRuns runs,
      ModelResolver models,
      ObjectProvider<RunProgress> progress,
      JsonMapper json) {
    TranscriptionSteps steps =
        new TranscriptionSteps(
            runs, models, progress.getIfAvailable(() -> RunProgress.SILENT), json);
    // the run core commits its own work (a plan at once, each input as it finishes): a step-wide
    // transaction would hold hours of progress hostage
    var coreCommits = new ResourcelessTransactionManager();
    Step plan =
        new StepBuilder("planInputs", jobRepository).tasklet(steps::plan, coreCommits).build();
    Step transcribe =
        new StepBuilder("transcribeInputs", jobRepository)
            .tasklet(steps::transcribe, coreCommits)
            .build();
    Step finish =
        new StepBuilder("finishRun", jobRepository).tasklet(steps::finish, coreCommits).build();
    return new JobBuilder(JOB_NAME, jobRepository)
        .start(plan)
        .next(transcribe)
        .next(finish)
        .build();
  }
}
