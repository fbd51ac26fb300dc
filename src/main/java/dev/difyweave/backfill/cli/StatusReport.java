package dev.difyweave.backfill.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.job.BackfillJobConfiguration;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.source.DifySchemaProfile;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.PendingStore;

/**
 * What {@code status} shows, read once: the Dify schema found (or why it could not be read), the roots
 * and feedback waiting, what the feedback steps did, and the most recent executions. {@link StatusCommand}
 * writes it as lines and a table, {@link StatusJson} as one JSON document.
 *
 * @param dify           the Dify schema, {@code null} when the database could not be read
 * @param difyUnreadable why it could not be read, {@code null} when it could
 */
record StatusReport(DifySchemaProfile dify, String difyUnreadable, List<PendingStore.Summary> pending,
        List<FeedbackLedger.Count> feedback, Map<String, Map<String, Long>> feedbackHeld, List<Execution> executions) {

    /** Whether an execution can be resumed, for the newest execution of its window. */
    enum Resumable {
        /** failed or stopped: the same command again resumes it from its checkpoint */
        YES("yes: run the same command again"),
        /** running, or killed (its process is gone) */
        RUNNING("running, or killed (the next run of the same window takes it over if no process holds it)"),
        /** completed */
        NO("no"),
        /** not the newest execution of its window */
        SUPERSEDED("-");

        final String text;

        Resumable(String text) {
            this.text = text;
        }
    }

    record Execution(JobExecution execution, BackfillRequest request, RunSummary summary, Resumable resumable) {
    }

    static StatusReport read(ConfigurableApplicationContext context, int limit) {
        DifySchemaProfile dify = null;
        String unreadable = null;
        try {
            dify = DifySchemaProfile.detect(new JdbcTemplate(context.getBean("difyDataSource", DataSource.class)));
        } catch (RuntimeException e) {
            unreadable = Reasons.oneLine(e);
        }
        JobRepository repository = context.getBean(JobRepository.class);
        List<JobExecution> executions = repository.getJobInstances(BackfillJobConfiguration.JOB_NAME, 0, limit)
                .stream()
                .flatMap(instance -> repository.getJobExecutions(instance).stream())
                .sorted(Comparator.comparingLong(JobExecution::getId).reversed())
                .limit(limit)
                .toList();
        FeedbackLedger ledger = context.getBean(FeedbackLedger.class);
        return new StatusReport(dify, unreadable, context.getBean(PendingStore.class).summary(), ledger.totals(),
                ledger.heldPerProject(), executions.stream().map(e -> new Execution(e,
                        BackfillRequest.fromJobParameters(e.getJobParameters()), RunSummary.of(e),
                        resumable(e, executions))).toList());
    }

    /** The Dify line of {@code status}: the version range and what it implies, or why it could not be read. */
    String difySource() {
        return dify != null ? dify.describe() : "not readable (" + difyUnreadable + ")";
    }

    private static Resumable resumable(JobExecution execution, List<JobExecution> all) {
        boolean newest = all.stream()
                .filter(e -> Objects.equals(e.getJobInstanceId(), execution.getJobInstanceId()))
                .mapToLong(JobExecution::getId).max().orElse(-1) == execution.getId();
        if (!newest) {
            return Resumable.SUPERSEDED;
        }
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
            return Resumable.YES;
        }
        return status.isRunning() ? Resumable.RUNNING : Resumable.NO;
    }
}
