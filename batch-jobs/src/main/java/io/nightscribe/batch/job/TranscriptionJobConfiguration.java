package io.nightscribe.batch.job;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transcription job: plan the inputs, transcribe what is pending, finish the run. A failed or
 * killed execution, restarted, skips completed steps and transcribes only the inputs the ledger
 * still has as pending.
 */
@Configuration(proxyBeanMethods = false)
public class TranscriptionJobConfiguration {
  public static final String JOB_NAME = "transcribe";

  @Bean
  Job transcriptionJob(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      PlanInputsTasklet plan,
      TranscribeInputsTasklet transcribe,
      FinalizeRunTasklet finish) {
    Step planStep =
        new StepBuilder("planInputs", jobRepository).tasklet(plan, transactionManager).build();
    // Each input commits on its own as it finishes; a step-wide transaction would hold hours of
    // progress hostage.
    Step transcribeStep =
        new StepBuilder("transcribeInputs", jobRepository)
            .tasklet(transcribe, new ResourcelessTransactionManager())
            .build();
    Step finishStep =
        new StepBuilder("finishRun", jobRepository).tasklet(finish, transactionManager).build();
    return new JobBuilder(JOB_NAME, jobRepository)
        .start(planStep)
        .next(transcribeStep)
        .next(finishStep)
        .build();
  }
}
