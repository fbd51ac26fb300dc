package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.StorableText;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedRun;

/**
 * Values the state store cannot take as they are (a NUL, a text longer than its column) and a call
 * Weave keeps answering with a 500 never stop a window: it completes, everything recorded, nothing
 * sent again and again.
 */
class NoRowWedgesAWindowJobTest {

    private static final String ON = "{\"enabled\": true, \"tracing_provider\": \"weave\"}";

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aNulInAnExecutionMetadataKeyIsRecordedAsAProblemAndTheCallsAreDelivered() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        String node = finishedRuns().get(0).nodes().get(1).id().toString();
        harness.difyJdbc().update("UPDATE workflow_node_executions SET execution_metadata = ? WHERE id = ?::uuid",
                "{\"total_tokens\": 5, \"bad\\u0000key\": true}", node);

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isZero();
        assertThat(jobStatus()).isEqualTo("COMPLETED");
        harness.assertEveryExpectedCallExactlyOnce();
        assertThat(harness.problems()).anySatisfy(p -> {
            assertThat(p.get("source_key")).isEqualTo(node);
            assertThat(p.get("source_column")).isEqualTo("execution_metadata");
            assertThat((String) p.get("reason")).contains("'badkey'").doesNotContain("\u0000");
        });
    }

    @Test
    void aProjectNameLongerThanItsColumnStillCompletesTheWindowWithItsDeadLetter() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        GeneratedRun run = finishedRuns().get(0);
        String project = "p".repeat(400);
        harness.difyJdbc().update("UPDATE apps SET tracing = ? WHERE id = ?", ON, run.appId());
        harness.difyJdbc().update("INSERT INTO trace_app_config (app_id, tracing_provider, tracing_config) "
                + "VALUES (?, 'weave', ?::json)", run.appId(), "{\"entity\": \"team-a\", \"project\": \"" + project + "\"}");
        String refused = run.nodes().get(1).id().toString();
        harness.weave.rejectCallIds(refused);

        BackfillHarness.Result result = harness.run("migrate", "--project-routing=dify", "--kinds=workflow");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isEqualTo(3);
        assertThat(jobStatus()).isEqualTo("COMPLETED");
        String longProject = "team-a/" + project;
        assertThat(harness.weave.call(longProject, run.id().toString())).isPresent();
        assertThat(harness.weave.partsReceived(longProject, run.id().toString())).as("sent once").isEqualTo(2);
        String stored = harness.stateJdbc().queryForObject(
                "SELECT project_id FROM backfill_dead_letter WHERE call_id = ?", String.class, refused);
        assertThat(stored).hasSize(300).endsWith(StorableText.CUT).startsWith(longProject.substring(0, 299));
        assertThat(harness.stateJdbc().queryForList(
                "SELECT project_id FROM backfill_app_calls WHERE app_id = ?", String.class, run.appId().toString()))
                .isNotEmpty().containsOnly(stored);
    }

    @Test
    void aCallWeaveKeepsAnswering500IsADeadLetterAndTheWindowCompletes() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        String poison = finishedRuns().get(2).nodes().get(1).id().toString();
        harness.weave.failCallIdsWith(500, poison);

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isEqualTo(3);
        assertThat(jobStatus()).isEqualTo("COMPLETED");
        Map<String, BackfillHarness.Expected> expected = harness.expectedCalls();
        expected.remove(poison);
        harness.assertEveryExpectedCallExactlyOnce(expected);
        assertThat(harness.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.get("call_id")).isEqualTo(poison);
            assertThat(d.get("http_status")).isEqualTo(500);
            assertThat((String) d.get("reason")).contains("kept answering HTTP 500 for this call alone");
        });
    }

    @Test
    void aSyncScopeLongerThanItsColumnKeepsItsWatermark() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<String> apps = new ArrayList<>(finishedRuns().stream().map(r -> r.appId().toString()).distinct().toList());
        while (apps.size() < 20) {
            apps.add(UUID.randomUUID().toString());
        }
        Instant firstSync = Instant.parse("2026-11-26T00:00:00Z");

        BackfillHarness.Result first = harness.runAt(firstSync, "sync", "--kinds=workflow", "--app=" + String.join(",", apps));
        BackfillHarness.Result second = harness.runAt(firstSync.plusSeconds(600), "sync", "--kinds=workflow",
                "--app=" + String.join(",", apps));

        assertThat(first.exitStatus()).as(first.out() + first.err()).isZero();
        assertThat(second.exitStatus()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("from the watermark 2026-11-25T23:50:00Z");
        assertThat(harness.stateJdbc().queryForObject("SELECT count(*) FROM backfill_watermark", Long.class)).isOne();
    }

    private List<GeneratedRun> finishedRuns() {
        return harness.generated.runs().stream().filter(GeneratedRun::finished).toList();
    }

    private String jobStatus() {
        return harness.stateJdbc().queryForObject(
                "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1", String.class);
    }
}
