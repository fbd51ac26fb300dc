package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * Remote partitioning for real: a manager and two worker JVMs against the local RabbitMQ and
 * PostgreSQL. One worker is killed (SIGKILL) in the middle of a partition after it completed another;
 * its request goes back to the queue, the other worker resumes that partition from its checkpoint, and
 * the manager, which follows the partitions in the shared job repository, completes the window with
 * every call in Weave exactly once.
 */
class RemotePartitioningTest {

    private BackfillHarness harness;
    private final List<Process> processes = new java.util.ArrayList<>();

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void twoWorkersOneKilledMidPartitionEveryCallOnceAndBothWorkersRanPartitions(@TempDir Path work) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder().runsPerApp(1600)
                .conversationsPerApp(50).messagesPerConversation(12).build());
        long traces = harness.expectedCalls().values().stream().filter(e -> e.parent().isEmpty()).count();
        assertThat(traces).isGreaterThanOrEqualTo(5000);
        Map<String, String> env = new HashMap<>(harness.env);
        env.put("BACKFILL_REMOTE_QUEUE", "backfill-test-" + UUID.randomUUID());
        env.put("BACKFILL_REMOTE_POLL", "PT0.2S");
        env.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
        env.put("BACKFILL_CHUNK_SIZE", "20");

        Process doomed = start(work, "worker-a", env, "worker");
        Process survivor = start(work, "worker-b", env, "worker");
        awaitLine(work, "worker-a", "taking partition requests", 90);
        awaitLine(work, "worker-b", "taking partition requests", 90);

        Process manager = start(work, "manager", env, "migrate", "--remote", "--partitions=8",
                "--to=2026-11-29T00:00:00Z");

        // the doomed worker finished one partition and is in the middle of the next one
        awaitLog(work, "worker-a", log -> log.contains("finished partition")
                && log.lastIndexOf("runs partition") > log.indexOf("finished partition"), 240);
        Thread.sleep(300);
        doomed.destroyForcibly();
        doomed.waitFor(30, TimeUnit.SECONDS);

        assertThat(manager.waitFor(300, TimeUnit.SECONDS)).as(log(work, "manager")).isTrue();
        assertThat(manager.exitValue()).as(log(work, "manager")).isZero();
        harness.assertEveryExpectedCallExactlyOnce();

        List<String> ranOn = harness.stateJdbc().queryForList("SELECT exit_message FROM batch_step_execution "
                + "WHERE step_name LIKE '%:p%' AND status = 'COMPLETED'", String.class);
        assertThat(ranOn).anyMatch(m -> m.contains(":" + doomed.pid()));
        assertThat(ranOn).anyMatch(m -> m.contains(":" + survivor.pid()));
        assertThat(log(work, "worker-b")).contains("resumed from its checkpoint");
        assertThat(harness.stateJdbc().queryForObject("SELECT count(*) FROM batch_step_execution "
                + "WHERE step_name LIKE '%:p%' AND status <> 'COMPLETED'", Long.class)).isZero();

        survivor.destroy(); // SIGTERM: an idle worker ends at once
        assertThat(survivor.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(log(work, "worker-b")).contains("worker stopped");
    }

    private Process start(Path work, String name, Map<String, String> env, String... args) throws Exception {
        Process process = BackfillHarness.child(work, name, env, args);
        processes.add(process);
        return process;
    }

    private static void awaitLine(Path work, String name, String text, int seconds) throws Exception {
        awaitLog(work, name, log -> log.contains(text), seconds);
    }

    private static void awaitLog(Path work, String name, Predicate<String> condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.test(log(work, name))) {
                return;
            }
            Thread.sleep(20);
        }
        StringBuilder logs = new StringBuilder(name + " did not get there within " + seconds + " s");
        for (String process : List.of("manager", "worker-a", "worker-b")) {
            logs.append("\n--- ").append(process).append(":\n").append(log(work, process));
        }
        throw new AssertionError(logs.toString());
    }

    private static String log(Path work, String name) {
        try {
            Path out = work.resolve(name + ".out");
            Path err = work.resolve(name + ".err");
            return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(err) ? Files.readString(err) : "");
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
