package dev.difyweave.backfill.report;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.difyweave.backfill.weave.DeliveryStats;

/**
 * The backfill's own Micrometer meters, read from the process's {@link DeliveryStats} (Spring Batch's
 * job, step, chunk and item metrics come with the actuator through Boot's batch observation support):
 * <ul>
 * <li>{@code backfill.weave.calls.sent}: calls Weave accepted;</li>
 * <li>{@code backfill.weave.bytes.sent}: request body bytes, retries included;</li>
 * <li>{@code backfill.weave.requests}, tag {@code status} = {@code 1xx} .. {@code 5xx}, or {@code none}
 * for requests without a reply (network errors, lost replies, timeouts);</li>
 * <li>{@code backfill.weave.retries}: requests sent again after a 429, 5xx or network error;</li>
 * <li>{@code backfill.weave.retry.wait}: seconds waited before those retries (back-off and {@code Retry-After});</li>
 * <li>{@code backfill.weave.dead.letters}: calls Weave refused, recorded in {@code backfill_dead_letter}.</li>
 * </ul>
 */
public final class BackfillMetrics implements MeterBinder {

    private final DeliveryStats stats;

    public BackfillMetrics(DeliveryStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("backfill.weave.calls.sent", stats, s -> s.callsAccepted())
                .description("Calls Weave accepted").baseUnit("calls").register(registry);
        FunctionCounter.builder("backfill.weave.bytes.sent", stats, s -> s.bytesSent())
                .description("Bytes of request bodies sent to Weave, retries included").baseUnit(BaseUnits.BYTES)
                .register(registry);
        for (int statusClass = 1; statusClass <= 5; statusClass++) {
            int c = statusClass;
            FunctionCounter.builder("backfill.weave.requests", stats, s -> s.responses(c))
                    .description("Requests to Weave by HTTP status class of the reply").tag("status", c + "xx")
                    .baseUnit("requests").register(registry);
        }
        FunctionCounter.builder("backfill.weave.requests", stats, s -> s.requestsWithoutResponse() + s.responses(0))
                .description("Requests to Weave by HTTP status class of the reply").tag("status", "none")
                .baseUnit("requests").register(registry);
        FunctionCounter.builder("backfill.weave.retries", stats, s -> s.retries())
                .description("Requests sent again after a 429, a 5xx or a network error").baseUnit("requests")
                .register(registry);
        FunctionCounter.builder("backfill.weave.retry.wait", stats, s -> s.retryWaitMillis() / 1000.0)
                .description("Time waited before retries: back-off and the server's Retry-After (capped)")
                .baseUnit("seconds").register(registry);
        FunctionCounter.builder("backfill.weave.dead.letters", stats, s -> s.deadLetters())
                .description("Calls Weave refused (recorded in backfill_dead_letter)").baseUnit("calls")
                .register(registry);
    }
}
