package dev.difyweave.backfill.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Asks a running execution to stop at its next chunk boundary. The running job updates its execution
 * too (at every step and partition start), so the copy at hand can be a version behind: it is read
 * again and the request retried, a few times.
 */
public final class StopRequest {

    private StopRequest() {
    }

    public static void send(JobOperator operator, JobRepository repository, JobExecution execution) throws Exception {
        JobExecution current = execution;
        for (int attempt = 1; ; attempt++) {
            try {
                operator.stop(current);
                return;
            } catch (OptimisticLockingFailureException concurrentUpdate) {
                if (attempt == 5) {
                    throw concurrentUpdate;
                }
                Thread.sleep(100L * attempt);
                current = repository.getJobExecution(execution.getId());
                if (current == null || !current.isRunning()) {
                    return;
                }
            }
        }
    }
}
