package dev.difyweave.backfill.weave;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Retries one Weave request on {@link TransientWeaveException} with Spring Framework 7's core retry
 * ({@code org.springframework.core.retry}, the successor of Spring Retry): exponential back-off with
 * jitter, never shorter than the server's {@code Retry-After} (capped), for a bounded number of tries.
 *
 * <p>Framework's {@link BackOffExecution} does not see the exception, so each request gets its own
 * small policy that remembers the last {@code Retry-After} when {@link RetryPolicy#shouldRetry} is
 * asked, and its back-off uses it for the wait that follows.
 */
public final class WeaveRetry {

    public record Settings(int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay,
            Duration maxRetryAfter) {

        public static Settings defaults() {
            return new Settings(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), Duration.ofSeconds(300));
        }
    }

    private final Settings settings;
    private final DeliveryStats stats;

    public WeaveRetry(Settings settings, DeliveryStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    /** The same retry with at most {@code maxRetries} retries (never more than this one's). */
    public WeaveRetry withMaxRetries(int maxRetries) {
        return new WeaveRetry(new Settings(Math.min(maxRetries, settings.maxRetries()), settings.initialDelay(),
                settings.multiplier(), settings.maxDelay(), settings.maxRetryAfter()), stats);
    }

    public <T> T call(String what, Supplier<T> attempt) {
        RetryTemplate template = new RetryTemplate(new RetryAfterPolicy(settings, stats));
        template.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
                stats.retried();
            }
        });
        try {
            return template.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    return attempt.get();
                }

                @Override
                public String getName() {
                    return what;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            if (last instanceof TransientWeaveException) {
                throw new WeaveUnavailableException("Weave unavailable after " + (e.getRetryCount()) + " retries of "
                        + what + ": " + last.getMessage(), last);
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(last);
        }
    }

    /** One per request: retries only transient failures and waits at least the server's Retry-After. */
    static final class RetryAfterPolicy implements RetryPolicy {

        private final Settings settings;
        private final DeliveryStats stats;
        private volatile Duration lastRetryAfter;

        RetryAfterPolicy(Settings settings, DeliveryStats stats) {
            this.settings = settings;
            this.stats = stats;
        }

        @Override
        public boolean shouldRetry(Throwable failure) {
            if (failure instanceof TransientWeaveException transientFailure) {
                lastRetryAfter = transientFailure.retryAfter();
                return true;
            }
            return false;
        }

        @Override
        public BackOff getBackOff() {
            return () -> new BackOffExecution() {
                private int attempt;

                @Override
                public long nextBackOff() {
                    attempt++;
                    if (attempt > settings.maxRetries()) {
                        return BackOffExecution.STOP;
                    }
                    long delay = delayMillis(attempt, lastRetryAfter);
                    stats.waitedBeforeRetry(delay);
                    return delay;
                }
            };
        }

        long delayMillis(int attempt, Duration retryAfter) {
            double base = settings.initialDelay().toMillis() * Math.pow(settings.multiplier(), attempt - 1);
            long capped = (long) Math.min(base, settings.maxDelay().toMillis());
            long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0);
            if (retryAfter == null) {
                return jittered;
            }
            long hinted = Math.min(retryAfter.toMillis(), settings.maxRetryAfter().toMillis());
            return Math.max(jittered, hinted);
        }
    }
}
