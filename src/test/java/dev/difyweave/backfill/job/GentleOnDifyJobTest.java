package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * {@code --max-rows-per-second}: a run over a production Dify can be slowed down to what the database
 * spares; it reads no faster than that (all partitions together) and still sends everything.
 */
class GentleOnDifyJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aRowRateSlowsTheReadingDownAndLosesNothing() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        long runs = harness.difyJdbc().queryForObject("SELECT count(*) FROM workflow_runs WHERE type = 'workflow'",
                Long.class);
        int rate = 5;
        assertThat(runs).as("enough rows for the rate to show").isGreaterThan(3L * rate);

        long start = System.nanoTime();
        BackfillHarness.Result result = harness.run("migrate", "--to=2026-11-29T00:00:00Z", "--kinds=workflow",
                "--max-rows-per-second=" + rate, "--partitions=3");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result.exitStatus()).as(result.err()).isZero();
        // the first page (the harness reads 10 at a time) goes at once; every row after it waits its share
        assertThat(seconds).isGreaterThanOrEqualTo((runs - 10.0 - rate) / rate);
        BackfillHarness.Result verify = harness.run("verify", "--to=2026-11-29T00:00:00Z", "--kinds=workflow");
        assertThat(verify.out()).containsPattern("workflow +(\\d+) +\\1 +0\n");
    }
}
