package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.testsupport.HttpClientThreads;
import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * The commands that talk to Weave leave no JDK HTTP client running when they return: the selector thread of
 * a live client waits in native code, which held up the JVM's exit by 0.3 s. Covers the preflight's access
 * check, the delivery beans Spring closes with the context, and {@code verify}'s own client.
 */
class WeaveClientsStoppedJobTest {

    @Test
    void migrateSyncAndVerifyLeaveNoHttpClientRunning() throws Exception {
        try (BackfillHarness harness = BackfillHarness.withData(DifyDataGenerator.Spec.small())) {
            for (String[] command : new String[][] {
                    {"migrate", "--to=2026-11-29T00:00:00Z"},
                    {"sync"},
                    {"verify", "--to=2026-11-29T00:00:00Z"}}) {
                Set<Thread> before = HttpClientThreads.selectors();
                long writes = harness.weave.writeRequestCount();

                BackfillHarness.Result result = harness.run(command);

                assertThat(result.err()).as(command[0]).doesNotContain("Exception");
                if (command[0].equals("migrate")) {
                    assertThat(harness.weave.writeRequestCount()).as("calls sent").isGreaterThan(writes);
                }
                Set<Thread> started = new HashSet<>(HttpClientThreads.selectors());
                started.removeAll(before);
                for (Thread thread : started) {
                    thread.join(5_000);
                }
                assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName).toList())
                        .as("HTTP clients of %s still running", command[0]).isEmpty();
            }
        }
    }
}
