package dev.difyweave.backfill.job;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * SIGTERM (or Ctrl-C) stops the running execution at its next chunk boundary and waits for it, so the
 * process ends with a STOPPED, resumable execution instead of one left STARTED; Spring Boot's own hook
 * is off (it would close the connection pools under the running job). Bounded by a grace period.
 */
public final class GracefulShutdown implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
    public static final Duration GRACE = Duration.ofSeconds(90);

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private GracefulShutdown(JobOperator operator, JobRepository repository, String jobName, JobParameters parameters) {
        this.hook = new Thread(() -> {
            JobExecution running = repository.getLastJobExecution(jobName, parameters);
            if (running != null && running.getStatus().isRunning()) {
                log.warn("termination requested: stopping execution {} at the next chunk boundary", running.getId());
                try {
                    StopRequest.send(operator, repository, running);
                } catch (Exception e) {
                    log.warn("could not stop execution {}: {}", running.getId(), e.getMessage());
                }
            }
            try {
                if (!finished.await(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    log.warn("the execution did not stop within {}; the next run will recover it", GRACE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "backfill-graceful-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static GracefulShutdown register(JobOperator operator, JobRepository repository, String jobName,
            JobParameters parameters) {
        return new GracefulShutdown(operator, repository, jobName, parameters);
    }

    /** The job returned: let a pending shutdown proceed; without one, remove the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down; the hook is running and now returns
        }
    }
}
