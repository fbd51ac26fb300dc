package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * Remote partitioning for real: a manager and two worker JVMs against the local RabbitMQ and
 * PostgreSQL. One worker is killed (SIGKILL) in the middle of a partition after it completed another;
 * its request goes back to the queue, the other worker resumes that partition from its checkpoint (the
 * job repository's read position and counts, and the calls Weave received, say so), and the manager,
 * which follows the partitions in the shared job repository, completes the window with every call in
 * Weave exactly once.
 */
class RemotePartitioningTest {

    private static final String RUNS = WorkflowStepConfiguration.PARTITION;

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

        // the doomed worker finished one partition of runs and is in the middle of the next one: killed once
        // that one has a checkpoint (a chunk committed), before it is done
        awaitLog(work, "worker-a", log -> log.contains("finished partition " + RUNS)
                && log.lastIndexOf("runs partition " + RUNS) > log.indexOf("finished partition " + RUNS), 240);
        Matcher running = Pattern.compile("runs partition " + RUNS + ":p\\d+ \\(step execution (\\d+)")
                .matcher(log(work, "worker-a"));
        long partition = -1;
        while (running.find()) {
            partition = Long.parseLong(running.group(1));
        }
        long killed = partition;
        awaitState(() -> stepCounts(killed).commits() >= 1, 240, "a chunk of step execution " + killed + " committed");
        doomed.destroyForcibly();
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // what the dead worker left: an unfinished partition whose checkpoint is inside its range
        Counts atKill = stepCounts(killed);
        assertThat(atKill.status()).as("the killed partition is unfinished").isEqualTo("STARTED");
        Map<String, Object> context = context(killed);
        LocalDateTime from = LocalDateTime.parse((String) context.get("partition.from"));
        LocalDateTime to = LocalDateTime.parse((String) context.get("partition.to"));
        LocalDateTime checkpointAt = LocalDateTime.parse((String) context.get("workflowRuns.last.created_at"));
        String checkpointId = (String) context.get("workflowRuns.last.id");
        assertThat(checkpointAt).isAfterOrEqualTo(from).isBefore(to);
        long upToCheckpoint = runsOfPartition(from, to, "AND (created_at, id) <= (?, ?::uuid)", checkpointAt, checkpointId);
        long inPartition = runsOfPartition(from, to, "");
        assertThat(atKill.read()).as("read up to the checkpoint").isEqualTo(upToCheckpoint)
                .isPositive().isLessThan(inPartition);

        assertThat(manager.waitFor(300, TimeUnit.SECONDS)).as(log(work, "manager")).isTrue();
        assertThat(manager.exitValue()).as(log(work, "manager")).isZero();
        harness.assertEveryExpectedCallExactlyOnce();

        List<String> ranOn = harness.stateJdbc().queryForList("SELECT exit_message FROM batch_step_execution "
                + "WHERE step_name LIKE '%:p%' AND status = 'COMPLETED'", String.class);
        assertThat(ranOn).anyMatch(m -> m.contains(":" + doomed.pid()));
        assertThat(ranOn).anyMatch(m -> m.contains(":" + survivor.pid()));
        assertThat(harness.stateJdbc().queryForObject("SELECT count(*) FROM batch_step_execution "
                + "WHERE step_name LIKE '%:p%' AND status <> 'COMPLETED'", Long.class)).isZero();

        // the survivor finished the same step execution from the dead worker's checkpoint: every run of the
        // partition was read once in all, and the runs up to the checkpoint were sent once, by the dead worker
        Counts done = stepCounts(killed);
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(done.exitMessage()).contains("ran on worker").contains(":" + survivor.pid());
        assertThat(done.read()).as("runs of the partition read, by both workers together").isEqualTo(inPartition);
        List<String> sentBeforeTheKill = harness.difyJdbc().queryForList("SELECT id::text FROM workflow_runs WHERE "
                + PARTITION_RUNS + " AND (created_at, id) <= (?, ?::uuid)", String.class, from, to, checkpointAt, checkpointId);
        assertThat(sentBeforeTheKill).hasSize((int) upToCheckpoint).allSatisfy(id -> assertThat(
                harness.weave.partsReceived(BackfillHarness.PROJECT, id)).as("parts of run %s", id).isEqualTo(2));

        survivor.destroy(); // SIGTERM: an idle worker ends at once
        assertThat(survivor.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(log(work, "worker-b")).contains("worker stopped");
    }

    /** The runs a partition of runs reads (workflow-mode runs, finished: the fixture has no stale ones). */
    private static final String PARTITION_RUNS = "type = 'workflow' AND status NOT IN ('running', 'paused', 'scheduled') "
            + "AND created_at >= ? AND created_at < ?";

    private long runsOfPartition(LocalDateTime from, LocalDateTime to, String andWhere, Object... more) {
        List<Object> parameters = new java.util.ArrayList<>(List.of(from, to));
        parameters.addAll(List.of(more));
        return harness.difyJdbc().queryForObject("SELECT count(*) FROM workflow_runs WHERE " + PARTITION_RUNS + " "
                + andWhere, Long.class, parameters.toArray());
    }

    private record Counts(String status, long read, long commits, String exitMessage) {
    }

    private Counts stepCounts(long stepExecutionId) {
        return harness.stateJdbc().queryForObject("SELECT status, read_count, commit_count, exit_message "
                + "FROM batch_step_execution WHERE step_execution_id = ?", (rs, n) -> new Counts(rs.getString(1),
                        rs.getLong(2), rs.getLong(3), rs.getString(4)), stepExecutionId);
    }

    /** The step execution's context as the job repository holds it. */
    private Map<String, Object> context(long stepExecutionId) throws java.io.IOException {
        String serialized = harness.stateJdbc().queryForObject("SELECT coalesce(serialized_context, short_context) "
                + "FROM batch_step_execution_context WHERE step_execution_id = ?", String.class, stepExecutionId);
        return new DefaultExecutionContextSerializer().deserialize(
                new java.io.ByteArrayInputStream(serialized.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void awaitState(java.util.function.BooleanSupplier condition, int seconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(10);
        }
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
