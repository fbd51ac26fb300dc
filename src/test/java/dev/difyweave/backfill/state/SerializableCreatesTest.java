package dev.difyweave.backfill.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * Job instances, executions and step executions created at the same moment on one state store (as two
 * processes, or two flows of one job, would) are all created: PostgreSQL aborts some of Spring Batch's
 * SERIALIZABLE creates under such contention, and {@link SerializableCreates} runs them again.
 */
class SerializableCreatesTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 40;

    private TestDatabase db;

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aSerializationFailureOrDeadlockAnywhereInTheCausesIsOneToRunAgain() {
        SQLException serialization = new SQLException("could not serialize access", "40001");
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        assertThat(SerializableCreates.isSerializationFailure(serialization)).isTrue();
        assertThat(SerializableCreates.isSerializationFailure(
                new CannotAcquireLockException("PreparedStatementCallback", serialization))).isTrue();
        assertThat(SerializableCreates.isSerializationFailure(new IllegalStateException(
                new CannotAcquireLockException("x", deadlock)))).isTrue();
        assertThat(SerializableCreates.isSerializationFailure(new SQLException("unique violation", "23505"))).isFalse();
        assertThat(SerializableCreates.isSerializationFailure(new CannotAcquireLockException("no cause"))).isFalse();
    }

    /** Other failures pass through as they are, after one try; a serialization failure is tried again. */
    @Test
    void onlySerializationFailuresAreTriedAgain() {
        AtomicInteger tries = new AtomicInteger();
        IllegalStateException other = new IllegalStateException("not a serialization failure");
        JobRepository failing = (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {JobRepository.class}, (proxy, method, args) -> {
                    tries.incrementAndGet();
                    if (method.getName().equals("createJobInstance")) {
                        throw other;
                    }
                    if (tries.get() < 3) {
                        throw new CannotAcquireLockException("JDBC commit", new SQLException("serialize", "40001"));
                    }
                    return List.of("creates");
                });
        JobRepository retried = SerializableCreates.retried(failing);
        assertThat(SerializableCreates.retried(retried)).as("wrapped once").isSameAs(retried);

        assertThat(catchThrowable(() -> retried.createJobInstance("x", parameters("x"))))
                .isSameAs(other);
        assertThat(tries.get()).isEqualTo(1);

        tries.set(0);
        assertThat(catchThrowable(() -> retried.getJobNames()))
                .isInstanceOf(CannotAcquireLockException.class);
        assertThat(tries.get()).as("not a create: not retried").isEqualTo(1);
    }

    @Test
    void everythingCreatedAtTheSameMomentByManyThreadsIsCreatedOnce() throws Exception {
        db = TestDatabases.createFresh("creates");
        StateSchema.ensure(db.dataSource());
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(db.dataSource());
        factory.setTransactionManager(new JdbcTransactionManager(db.dataSource()));
        factory.afterPropertiesSet();
        JobRepository repository = SerializableCreates.retried(factory.getObject());
        JobParameters first = parameters("first");
        JobExecution execution = repository.createJobExecution(repository.createJobInstance("creates", first), first,
                new ExecutionContext());

        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier together = new CyclicBarrier(THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    try {
                        together.await(30, TimeUnit.SECONDS);
                        repository.createStepExecution("step-" + thread + "-" + round, execution);
                        JobParameters own = parameters(thread + "-" + round);
                        JobInstance instance = repository.createJobInstance("creates", own);
                        repository.createJobExecution(instance, own, new ExecutionContext());
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(failures).isEmpty();
        JdbcTemplate state = new JdbcTemplate(db.dataSource());
        assertThat(state.queryForObject("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = ?",
                Long.class, execution.getId())).isEqualTo(THREADS * ROUNDS);
        assertThat(state.queryForObject("SELECT count(DISTINCT step_name) FROM batch_step_execution", Long.class))
                .isEqualTo(THREADS * ROUNDS);
        assertThat(state.queryForObject("SELECT count(*) FROM batch_job_instance", Long.class)).isEqualTo(1 + THREADS * ROUNDS);
        assertThat(state.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(1 + THREADS * ROUNDS);
        // the execution knows every step execution created (and, where PostgreSQL aborted a create only at its
        // commit, also the one it had already added before: Spring Batch cannot take it back, it counts nothing)
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
                .containsAll(state.queryForList("SELECT step_name FROM batch_step_execution", String.class));
    }

    private static JobParameters parameters(String run) {
        return new JobParametersBuilder().addString("run", run).toJobParameters();
    }
}
