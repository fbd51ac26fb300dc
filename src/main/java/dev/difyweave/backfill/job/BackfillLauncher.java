package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.UnfinishedExecutions;
import dev.difyweave.backfill.state.WindowLock;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Starts a window, or resumes it: a FAILED or STOPPED execution restarts from its checkpoint, an
 * execution left STARTED by a killed process is recovered first, but only while this process holds the
 * window's {@link WindowLock} (so a live run is never taken over), and a COMPLETED window is not run again.
 */
public class BackfillLauncher {

    private static final Logger log = LoggerFactory.getLogger(BackfillLauncher.class);

    /** What happened to a launch. */
    public record Outcome(JobExecution execution, boolean alreadyComplete, JobExecution resumed) {
    }

    /** Another live process is running the same window. */
    public static class WindowBusyException extends RuntimeException {
        public WindowBusyException(String message) {
            super(message);
        }
    }

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final DataSource state;

    public BackfillLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, DataSource state) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.state = state;
    }

    /**
     * A {@code migrate} without {@code --to} ends at "now minus the safety lag", a moving point: it
     * resumes the newest unfinished instance that also had a defaulted end, so a killed run is
     * continued rather than started over.
     */
    public BackfillRequest resolveDefaultedEnd(BackfillRequest request) {
        if (!request.toDefaulted()) {
            return request;
        }
        return unfinishedInstances().stream()
                .map(BackfillRequest::fromJobParameters)
                .filter(previous -> previous.toDefaulted() && previous.sameApartFromEnd(request))
                .findFirst()
                .map(previous -> {
                    log.info("resuming the unfinished window ending {} (started with a defaulted --to)", previous.to());
                    return request.withTo(previous.to(), true);
                })
                .orElse(request);
    }

    public Outcome launch(BackfillRequest request) throws Exception {
        // a sync scope is held as a whole too: two crons or schedulers never run the same scope at once
        WindowLock scopeLock = null;
        if (request.syncScope() != null) {
            scopeLock = WindowLock.tryAcquire(state, "sync-scope|" + request.syncScope());
            if (scopeLock == null) {
                throw new WindowBusyException("another process is running sync " + request.label() + " right now; skipped");
            }
        }
        try (WindowLock scope = scopeLock) {
            return launchInstance(request);
        }
    }

    private Outcome launchInstance(BackfillRequest request) throws Exception {
        JobParameters parameters = request.toJobParameters();
        WindowLock lock = WindowLock.tryAcquire(state, instanceKey(request));
        if (lock == null) {
            throw new WindowBusyException("another process is running this window right now (" + request.from()
                    + " .. " + request.to() + "); not taking it over");
        }
        try (lock) {
            JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
            if (last != null) {
                BatchStatus status = last.getStatus();
                if (status == BatchStatus.COMPLETED) {
                    return new Outcome(last, true, null);
                }
                if (status == BatchStatus.ABANDONED) {
                    throw new IllegalStateException("execution " + last.getId()
                            + " of this window was abandoned; it is never restarted");
                }
                if (status.isRunning() || status == BatchStatus.UNKNOWN) {
                    log.warn("execution {} of this window is {} but no process holds it: it was killed; recovering it",
                            last.getId(), status);
                    jobOperator.recover(last);
                }
                log.info("resuming execution {} ({}) from its checkpoint", last.getId(), status);
                // a resume judges unfinished roots as the first run did, so re-sent calls are the same
                parameters = request.withStaleness(BackfillRequest.fromJobParameters(last.getJobParameters()).staleness())
                        .toJobParameters();
            }
            try (GracefulShutdown shutdown = GracefulShutdown.register(jobOperator, jobRepository, job.getName(), parameters)) {
                return new Outcome(jobOperator.start(job, parameters), false, last);
            }
        }
    }

    private List<JobParameters> unfinishedInstances() {
        return new UnfinishedExecutions(new JdbcTemplate(state)).of(job.getName()).stream()
                .map(jobRepository::getJobExecution)
                .filter(Objects::nonNull)
                .map(JobExecution::getJobParameters)
                .toList();
    }

    static String instanceKey(BackfillRequest request) {
        return BackfillJobConfiguration.JOB_NAME + "|" + request.toJobParameters().getIdentifyingParameters();
    }

}
