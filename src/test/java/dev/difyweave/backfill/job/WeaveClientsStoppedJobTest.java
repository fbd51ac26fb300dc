package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * The commands that talk to Weave leave no JDK HTTP client running when they return: the selector thread of
 * a live client waits in native code, which held up the JVM's exit by 0.3 s. Covers the preflight's access
 * check, the delivery beans Spring closes with the context, and {@code verify}'s own client.
 */
class WeaveClientsStoppedJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void migrateSyncAndVerifyLeaveNoHttpClientRunning() throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        for (String[] command : new String[][] {
                {"migrate", "--to=2026-11-29T00:00:00Z"},
                {"sync"},
                {"verify", "--to=2026-11-29T00:00:00Z"}}) {
            Set<Thread> before = selectorThreads();
            long writes = harness.weave.writeRequestCount();

            BackfillHarness.Result result = harness.run(command);

            assertThat(result.err()).as(command[0]).doesNotContain("Exception");
            if (command[0].equals("migrate")) {
                assertThat(harness.weave.writeRequestCount()).as("calls sent").isGreaterThan(writes);
            }
            Set<Thread> started = new HashSet<>(selectorThreads());
            started.removeAll(before);
            for (Thread thread : started) {
                thread.join(5_000);
            }
            assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName).toList())
                    .as("HTTP clients of %s still running", command[0]).isEmpty();
        }
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }
}
