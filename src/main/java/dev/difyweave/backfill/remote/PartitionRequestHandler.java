package dev.difyweave.backfill.remote;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import dev.difyweave.backfill.state.WindowLock;

/**
 * Runs one partition request on a worker. A request may arrive twice: RabbitMQ redelivers it when the
 * worker that had it died or lost its connection. So a partition runs only under a PostgreSQL
 * advisory lock of its own (freed by PostgreSQL when the holder dies), and only while its step
 * execution is unfinished: a redelivered request waits for a live holder, then finds the partition
 * done and is dropped; a request whose worker was killed resumes the partition from its checkpoint.
 * The worker that ran a partition is named in its exit description in the job repository.
 */
public final class PartitionRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestHandler.class);

    private final JobRepository jobRepository;
    private final Map<String, Step> steps;
    private final DataSource state;
    private final String workerId;
    private final Duration lockPoll;
    private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();

    public PartitionRequestHandler(JobRepository jobRepository, Map<String, Step> steps, DataSource state,
            String workerId, Duration lockPoll) {
        this.jobRepository = jobRepository;
        this.steps = Map.copyOf(steps);
        this.state = state;
        this.workerId = workerId;
        this.lockPoll = lockPoll;
    }

    public void handle(StepExecutionRequest request) throws SQLException, InterruptedException {
        Step step = steps.get(request.getStepName());
        if (step == null) {
            throw new AmqpRejectAndDontRequeueException("no step '" + request.getStepName() + "' on this worker (steps: "
                    + steps.keySet() + "); is it the same version as the manager?");
        }
        StepExecution requested = jobRepository.getStepExecution(request.getStepExecutionId());
        if (requested == null) {
            log.warn("partition request for step execution {} that the job repository does not hold: dropped",
                    request.getStepExecutionId());
            return;
        }
        String partition = requested.getStepName();
        String lockKey = "partition|" + requested.getJobExecution().getJobInstanceId() + "|" + partition;
        try (WindowLock lock = waitForLock(lockKey, partition)) {
            StepExecution execution = jobRepository.getStepExecution(request.getStepExecutionId());
            if (execution == null || !execution.getStatus().isRunning()) {
                log.info("partition {} (step execution {}) is {} already: the request is dropped", partition,
                        request.getStepExecutionId(), execution == null ? "gone" : execution.getStatus());
                return;
            }
            run(step, execution);
        }
    }

    private void run(Step step, StepExecution execution) {
        log.info("worker {} runs partition {} (step execution {}{})", workerId, execution.getStepName(),
                execution.getId(), execution.getStatus() == BatchStatus.STARTED ? ", resumed from its checkpoint" : "");
        running.add(execution);
        try {
            step.execute(execution);
        } catch (JobInterruptedException e) {
            execution.setStatus(BatchStatus.STOPPED);
        } catch (Throwable e) {
            execution.addFailureException(e);
            execution.setStatus(BatchStatus.FAILED);
        } finally {
            running.remove(execution);
        }
        execution.setExitStatus(execution.getExitStatus().addExitDescription("ran on worker " + workerId));
        jobRepository.update(execution);
        log.info("worker {} finished partition {}: {}", workerId, execution.getStepName(), execution.getStatus());
    }

    private WindowLock waitForLock(String key, String partition) throws SQLException, InterruptedException {
        boolean said = false;
        while (true) {
            WindowLock lock = WindowLock.tryAcquire(state, key);
            if (lock != null) {
                return lock;
            }
            if (!said) {
                log.info("partition {} is running on another live worker (a redelivered request): waiting for it", partition);
                said = true;
            }
            Thread.sleep(lockPoll.toMillis());
        }
    }

    /** SIGTERM: the partitions running here stop at their next chunk boundary, resumable. */
    public void stopRunning() {
        running.forEach(StepExecution::setTerminateOnly);
    }

    public boolean idle() {
        return running.isEmpty();
    }
}
