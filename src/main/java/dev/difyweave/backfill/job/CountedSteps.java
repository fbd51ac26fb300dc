package dev.difyweave.backfill.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        for (StepExecution step : of(execution)) {
            failures.addAll(step.getFailureExceptions());
            if (step.getFailureExceptions().isEmpty() && step.getStatus().isUnsuccessful()) {
                persisted(step).ifPresent(failures::add);
            }
        }
        failures.addAll(execution.getFailureExceptions());
        return failures;
    }

    /**
     * A step's failure as the job repository keeps it: exceptions are not persisted, the first line of
     * the exit description is (what a step run by a worker, or read back from the repository, has).
     */
    private static Optional<Throwable> persisted(StepExecution step) {
        String description = step.getExitStatus().getExitDescription();
        if (description == null || description.isBlank()) {
            return Optional.empty();
        }
        List<String> lines = description.lines().toList();
        String first = lines.get(0);
        String root = lines.stream().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length())).orElse(null);
        return Optional.of(new PersistedFailure(step.getStepName() + " failed: "
                + (root == null ? first : first + "; caused by " + root)));
    }

    /** A failure read back from the job repository. */
    public static final class PersistedFailure extends RuntimeException {

        PersistedFailure(String message) {
            super(message, null, false, false);
        }
    }
}
