package dev.difyweave.backfill.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The step executions of a job execution that did the work: every step but the partition managers,
 * whose counts are only the sum of their partitions' (Spring Batch aggregates them) and would count
 * every trace twice.
 */
public final class CountedSteps {

    private CountedSteps() {
    }

    public static List<StepExecution> of(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> !BackfillJobConfiguration.PARTITIONED_STEPS.contains(step.getStepName()))
                .toList();
    }

    /**
     * What went wrong: the steps' and partitions' own failures first, then the job's (for a partitioned
     * step only "Partition handler returned an unsuccessful step").
     */
    public static List<Throwable> failures(JobExecution execution) {
        List<Throwable> failures = new ArrayList<>();
        of(execution).forEach(step -> failures.addAll(step.getFailureExceptions()));
        failures.addAll(execution.getFailureExceptions());
        return failures;
    }
}
