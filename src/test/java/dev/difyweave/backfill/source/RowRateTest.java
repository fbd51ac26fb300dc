package dev.difyweave.backfill.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** {@code --max-rows-per-second}: pages wait until their rows fit the rate, on a clock the test drives. */
class RowRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> waits = new ArrayList<>();
    private final RowRate.Sleeper sleeper = nanos -> {
        waits.add(nanos);
        now.addAndGet(nanos);
    };

    @Test
    void pagesAreSpacedSoThatNoSecondReadsMoreThanTheRate() {
        RowRate rate = new RowRate(100, now::get, sleeper);

        rate.acquire(100); // the first page goes at once
        rate.acquire(100); // the second waits for the first's second
        rate.acquire(50);
        now.addAndGet(2_000_000_000L); // a pause longer than the debt: no wait, and no credit saved up either
        rate.acquire(100);
        rate.acquire(100);

        assertThat(waits).containsExactly(1_000_000_000L, 1_000_000_000L, 1_000_000_000L);
    }

    @Test
    void withoutALimitNothingWaits() {
        RowRate.of(0).acquire(1_000_000);
        assertThat(RowRate.of(0).limits()).isFalse();
        assertThat(RowRate.of(10).limits()).isTrue();
        assertThat(waits).isEmpty();
    }
}
