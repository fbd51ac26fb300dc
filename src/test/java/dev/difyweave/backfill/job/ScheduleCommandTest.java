package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.testsupport.OwnThread;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.demo.generator.DifyDataGenerator;

/** {@code schedule} fires job definitions on their cron schedules, one run at a time per scope. */
class ScheduleCommandTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void twoSchedulersOnOneStateStoreRunEachTriggerOnceAndSendEveryCallOnce(@TempDir Path jobs) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        Files.writeString(jobs.resolve("every-two-seconds.yaml"), """
                name: every-two-seconds
                command: sync
                schedule: "*/2 * * * * *"
                safety-lag: PT1M
                stale-after: P36500D
                """);
        Files.writeString(jobs.resolve("unscheduled.yaml"), "name: by-hand\ncommand: migrate\n");

        CompletableFuture<BackfillHarness.Result> first = OwnThread.supply(() -> harness
                .runWith(Clock.systemUTC(), "schedule", "--jobs-dir=" + jobs, "--max-runs=2"));
        CompletableFuture<BackfillHarness.Result> second = OwnThread.supply(() -> harness
                .runWith(Clock.systemUTC(), "schedule", "--jobs-dir=" + jobs, "--max-runs=2"));
        BackfillHarness.Result a = first.get(240, TimeUnit.SECONDS);
        BackfillHarness.Result b = second.get(240, TimeUnit.SECONDS);

        assertThat(a.exitStatus()).as(a.err()).isZero();
        assertThat(b.exitStatus()).as(b.err()).isZero();
        String both = a.out() + b.out();
        assertThat(both).contains("scheduled every-two-seconds").doesNotContain("by-hand");
        assertThat(a.out()).contains("running every-two-seconds");
        harness.assertEveryExpectedCallExactlyOnce();
        assertThat(harness.weave.visibleCalls(BackfillHarness.PROJECT))
                .allSatisfy(call -> assertThat(call.partsReceived()).as("sent once").isEqualTo(2));
    }
}
