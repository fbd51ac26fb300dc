package dev.difyweave.backfill.cli;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import dev.difyweave.backfill.job.CountedSteps;
import dev.difyweave.backfill.job.FeedbackStepConfiguration;
import dev.difyweave.backfill.job.TraceItemWriter;
import dev.difyweave.backfill.report.RunReport;

/**
 * The counts of one job execution, summed over its steps, from what the job repository persisted.
 * (The run report, {@link RunReport}, sums a window over every execution of its job instance.)
 *
 * @param unassembled        roots whose trace could not be assembled (dead letters with status 0, no call)
 * @param approximated       delivered calls with approximated fields ({@code attributes.backfill.approximated})
 * @param suggestedQuestions messages whose app had suggested questions on: not reproducible (C11)
 */
public record RunSummary(long executionId, BatchStatus status, long traces, long calls, long deadLetters,
        long notSent, long unassembled, long problems, long approximated, long suggestedQuestions, String failure,
        JobParameters parameters, long feedbackDeadLetters) {

    public static RunSummary of(JobExecution execution) {
        long traces = 0;
        long calls = 0;
        long deadLetters = 0;
        long notSent = 0;
        long unassembled = 0;
        long problems = 0;
        long approximated = 0;
        long suggested = 0;
        long feedbackDeadLetters = 0;
        for (StepExecution step : CountedSteps.of(execution)) {
            traces += step.getWriteCount();
            calls += step.getExecutionContext().getLong(TraceItemWriter.CALLS, 0L);
            deadLetters += step.getExecutionContext().getLong(TraceItemWriter.DEAD_LETTERS, 0L);
            notSent += step.getExecutionContext().getLong(TraceItemWriter.NOT_SENT, 0L);
            unassembled += step.getExecutionContext().getLong(TraceItemWriter.UNASSEMBLED, 0L);
            problems += step.getExecutionContext().getLong(TraceItemWriter.PROBLEMS, 0L);
            approximated += step.getExecutionContext().getLong(TraceItemWriter.APPROXIMATED, 0L);
            suggested += step.getExecutionContext().getLong(RunReport.SUGGESTED_QUESTIONS_KEY, 0L);
            feedbackDeadLetters += step.getExecutionContext().getLong(FeedbackStepConfiguration.DEAD_LETTERS, 0L);
        }
        String failure = execution.getStatus() == BatchStatus.COMPLETED ? null
                : Reasons.oneLine(CountedSteps.failures(execution), execution.getExitStatus().getExitDescription());
        return new RunSummary(execution.getId(), execution.getStatus(), traces, calls, deadLetters, notSent, unassembled,
                problems, approximated, suggested, failure, execution.getJobParameters(), feedbackDeadLetters);
    }

    public String line() {
        return "execution " + executionId + " " + status + ": " + traces + " traces, " + calls + " calls delivered, "
                + (deadLetters + feedbackDeadLetters) + " dead letters, " + problems + " source problems, " + approximated
                + " calls approximated, " + suggestedQuestions + " messages with suggested questions not reproducible";
    }

    /** Exit status per cli.md: 0 only when nothing was lost. */
    public void requireNothingLost() {
        if (status != BatchStatus.COMPLETED) {
            throw new CommandFailedException(BackfillCli.FAILED, "execution " + executionId + " " + status + ": "
                    + failure + " (run the same command again to resume from the checkpoint)");
        }
        List<String> lost = new ArrayList<>();
        if (deadLetters - notSent - unassembled > 0) {
            lost.add((deadLetters - notSent - unassembled) + " calls were refused by Weave");
        }
        if (unassembled > 0) {
            lost.add(unassembled + " traces could not be assembled from their Dify rows and were not sent (a bug: "
                    + "please report it with the reason)");
        }
        if (notSent > 0) {
            lost.add(notSent + " calls were not sent because their app's Weave server is not "
                    + "allowed (see the routing problems; BACKFILL_ALLOWED_WEAVE_HOSTS, BACKFILL_DIFY_KEYS)");
        }
        if (feedbackDeadLetters > 0) {
            lost.add(feedbackDeadLetters + " feedback were refused by Weave or not sent");
        }
        if (!lost.isEmpty()) {
            throw new CommandFailedException(BackfillCli.LOST_CALLS, String.join(" and ", lost)
                    + "; each is recorded in backfill_dead_letter with its reason (execution " + executionId + ")");
        }
    }
}
