package dev.difyweave.backfill.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.difyweave.backfill.weave.DeliveryStats;

class BackfillMetricsTest {

    @Test
    void everyDeliveryCounterIsAMeter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new BackfillMetrics(new DeliveryStats()).bindTo(registry);

        for (String name : new String[] {"backfill.weave.calls.sent", "backfill.weave.bytes.sent",
                "backfill.weave.retries", "backfill.weave.retry.wait", "backfill.weave.dead.letters"}) {
            assertThat(registry.get(name).functionCounter().count()).as(name).isZero();
        }
        for (String status : new String[] {"1xx", "2xx", "3xx", "4xx", "5xx", "none"}) {
            assertThat(registry.get("backfill.weave.requests").tag("status", status).functionCounter().count())
                    .as(status).isZero();
        }
        assertThat(registry.get("backfill.weave.bytes.sent").functionCounter().getId().getBaseUnit()).isEqualTo("bytes");
    }
}
