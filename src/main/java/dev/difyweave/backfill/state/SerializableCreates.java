package dev.difyweave.backfill.state;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring Batch creates job instances, job executions and step executions in SERIALIZABLE transactions
 * (the job repository's {@code create*} methods), and PostgreSQL aborts one of two such transactions that
 * run at the same moment when they touch the same rows or index pages ("could not serialize access due to
 * read/write dependencies among transactions", SQLSTATE 40001): two processes on one state store (two
 * apps' windows launched together, a {@code migrate} beside the cron {@code sync}) would then see one of
 * them fail at a step's start. The aborted transaction changed nothing, and PostgreSQL's answer to it is
 * to run it again: this wraps the job repository so that a {@code create*} call aborted that way (or as a
 * deadlock, 40P01) is retried, a few times with a short growing wait, when it is not part of a larger
 * transaction. Everything else goes to the repository as it is. (A step execution whose create PostgreSQL
 * aborts only at its commit stays in its job execution's list in memory, added before the commit and not
 * taken back by Spring Batch: it has no row and counts nothing; the retried one is the step's.)
 */
public final class SerializableCreates {

    private static final Logger log = LoggerFactory.getLogger(SerializableCreates.class);

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";

    private static final RetryPolicy POLICY = RetryPolicy.builder()
            .maxRetries(6)
            .delay(Duration.ofMillis(10))
            .jitter(Duration.ofMillis(10))
            .multiplier(2)
            .maxDelay(Duration.ofMillis(500))
            .predicate(SerializableCreates::isSerializationFailure)
            .build();

    private SerializableCreates() {
    }

    /** {@code repository} behind a {@link JobRepository} proxy whose {@code create*} calls are retried as above. */
    public static JobRepository retried(JobRepository repository) {
        if (Proxy.isProxyClass(repository.getClass()) && Proxy.getInvocationHandler(repository) instanceof RetriedCreates) {
            return repository;
        }
        log.debug("creates of job repository {} retried on serialization failures", repository);
        return (JobRepository) Proxy.newProxyInstance(JobRepository.class.getClassLoader(),
                new Class<?>[] {JobRepository.class}, new RetriedCreates(repository));
    }

    /** A PostgreSQL serialization failure or deadlock anywhere in the cause chain. */
    static boolean isSerializationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private record RetriedCreates(JobRepository repository) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!method.getName().startsWith("create") || TransactionSynchronizationManager.isActualTransactionActive()) {
                return call(method, args);
            }
            RetryTemplate template = new RetryTemplate(POLICY);
            template.setRetryListener(new RetryListener() {
                @Override
                public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
                    log.info("PostgreSQL aborted the state store's {} (another process created executions at the "
                            + "same moment); running it again", method.getName());
                }
            });
            try {
                return template.execute(new Retryable<>() {
                    @Override
                    public Object execute() throws Throwable {
                        return call(method, args);
                    }

                    @Override
                    public String getName() {
                        return method.getName();
                    }
                });
            } catch (RetryException e) {
                throw e.getLastException();
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        }
    }
}
