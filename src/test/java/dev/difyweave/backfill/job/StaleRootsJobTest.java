package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.demo.generator.GeneratedNode;
import dev.difyweave.demo.generator.GeneratedRun;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.JsonNode;

/**
 * C15: roots Dify has not finished are never skipped silently. A {@code migrate} records them like a
 * {@code sync} does, counts them in its report and in {@code status}, and the next run over the same
 * filters and target sends them once they are finished; a root still unfinished after
 * {@code --stale-after} is sent as what it is.
 */
class StaleRootsJobTest {

    private static final String TO = "--to=2026-11-29T00:00:00Z";

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aMigrateRecordsItsUnfinishedRootsAndTheNextRunSendsThemOnceFinished(@TempDir Path dir) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<GeneratedRun> unfinishedRuns = harness.generated.runs().stream().filter(r -> !r.finished()).toList();
        long unfinishedMessages = harness.generated.messages().stream().filter(m -> !m.finished()).count();
        long unfinished = unfinishedRuns.size() + unfinishedMessages;
        assertThat(unfinishedRuns).isNotEmpty();

        BackfillHarness.Result first = harness.run("migrate", TO, "--report-dir=" + dir);

        assertThat(first.exitStatus()).as(first.err()).isZero();
        assertThat(first.out()).contains(unfinished + " roots not finished yet");
        List<String> runIds = unfinishedRuns.stream().map(r -> r.id().toString()).toList();
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContainAnyElementsOf(runIds);
        assertThat(harness.stateJdbc().queryForObject(
                "SELECT count(*) FROM backfill_pending WHERE kind <> 'feedback'", Long.class)).isEqualTo(unfinished);
        Path report;
        try (var files = Files.list(dir)) {
            report = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        assertThat(Json.MAPPER.readTree(Files.readString(report)).path("unfinished_roots").asLong(-1))
                .isEqualTo(unfinished);
        BackfillHarness.Result status = harness.run("status");
        assertThat(status.out()).contains("roots not finished yet in Dify").contains(": " + unfinished + "\n")
                .contains(unfinishedRuns.size() + " workflow_runs, oldest created");

        // Dify finishes the runs; a later migrate of another window (nothing in it) sends them, once
        harness.difyJdbc().update("UPDATE workflow_runs SET status = 'succeeded', finished_at = created_at + interval '5 second', "
                + "elapsed_time = 5, outputs = '{\"answer\": \"late\"}' WHERE status IN ('running', 'paused')");
        harness.difyJdbc().update("UPDATE workflow_node_executions SET status = 'succeeded', elapsed_time = 1 "
                + "WHERE status IN ('running', 'paused')");
        BackfillHarness.Result second = harness.run("migrate", "--from=2026-11-29T00:00:00Z", "--to=2026-11-29T12:00:00Z");

        assertThat(second.exitStatus()).as(second.err()).isZero();
        for (GeneratedRun run : unfinishedRuns) {
            StoredCall root = harness.weave.call(BackfillHarness.PROJECT, run.id().toString()).orElseThrow();
            assertThat(root.exception()).isNull();
            assertThat(root.output().path("answer").asString()).isEqualTo("late");
            assertThat(root.partsReceived()).isEqualTo(2);
        }
        assertThat(harness.stateJdbc().queryForObject(
                "SELECT count(*) FROM backfill_pending WHERE kind = 'workflow_runs'", Long.class)).isZero();
    }

    @Test
    void rootsStillUnfinishedAfterStaleAfterAreSentAsWhatTheyAre() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<GeneratedRun> unfinishedRuns = harness.generated.runs().stream().filter(r -> !r.finished()).toList();
        List<GeneratedMessage> unsaved = harness.generated.messages().stream()
                .filter(m -> !m.finished() && !m.appMode().equals("advanced-chat")).toList();
        assertThat(unfinishedRuns).extracting(GeneratedRun::status).contains("running", "paused");

        BackfillHarness.Result result = harness.run("migrate", TO, "--stale-after=P1D");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(result.out()).contains(" 0 roots not finished yet");
        assertThat(harness.stateJdbc().queryForObject(
                "SELECT count(*) FROM backfill_pending WHERE kind <> 'feedback'", Long.class)).isZero();
        for (GeneratedRun run : unfinishedRuns) {
            StoredCall root = harness.weave.call(BackfillHarness.PROJECT, run.id().toString()).orElseThrow();
            long days = Duration.between(run.createdAt().toInstant(ZoneOffset.UTC), BackfillHarness.NOW).toDays();
            assertThat(root.exception()).as(run.id() + " " + run.status())
                    .startsWith("workflow run " + run.id() + " was still '" + run.status() + "' in Dify " + days + " day")
                    .contains("(as of " + BackfillHarness.NOW + ")").contains("--stale-after=PT24H");
            assertThat(approximated(root)).contains("ended_at", "exception");
            assertThat(root.startedAt()).isEqualTo(run.createdAt().toInstant(ZoneOffset.UTC));
            assertThat(root.endedAt()).isAfterOrEqualTo(root.startedAt()).isBefore(Instant.parse("2026-11-25T00:00:00Z"));
            for (GeneratedNode node : run.nodes()) {
                if (!"paused".equals(node.status())) {
                    assertThat(harness.weave.call(BackfillHarness.PROJECT, node.id().toString())).isPresent();
                }
            }
        }
        for (GeneratedMessage message : unsaved) {
            StoredCall root = harness.weave.call(BackfillHarness.PROJECT, message.id().toString()).orElseThrow();
            assertThat(root.exception()).startsWith("message " + message.id() + " was still without a saved answer");
            assertThat(approximated(root)).contains("exception");
        }
        assertThat(harness.stateJdbc().queryForObject(
                "SELECT count(*) FROM backfill_problem WHERE source_column = 'status' AND reason LIKE '%after --stale-after%'",
                Long.class)).isEqualTo(unfinishedRuns.size() + unsaved.size()
                        + harness.generated.messages().stream().filter(m -> !m.finished() && m.appMode().equals("advanced-chat")).count());
    }

    private static List<String> approximated(StoredCall call) {
        JsonNode list = call.attributes().path("backfill").path("approximated");
        return list.valueStream().map(JsonNode::asString).toList();
    }
}
