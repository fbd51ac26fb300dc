package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedRun;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.CallIds;

/** {@code sync} from cron: watermarks, and roots that finish after their window was synced. */
class SyncJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aRunStillRunningWhenItsWindowWasSyncedArrivesWithTheNextSyncExactlyOnce() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<GeneratedRun> running = harness.generated.runs().stream().filter(r -> r.status().equals("running")).toList();
        assertThat(running).isNotEmpty();
        Instant firstSync = Instant.parse("2026-11-26T00:00:00Z");

        BackfillHarness.Result first = harness.runAt(firstSync, "sync");

        assertThat(first.exitStatus()).as(first.err()).isZero();
        assertThat(first.out()).contains("watermark advanced to 2026-11-25T23:50:00Z");
        List<String> runningIds = running.stream().map(r -> r.id().toString()).toList();
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContainAnyElementsOf(runningIds);
        long pending = harness.stateJdbc().queryForObject("SELECT count(*) FROM backfill_pending", Long.class);
        assertThat(pending).isGreaterThanOrEqualTo(running.size());

        List<String> unsaved = harness.generated.messages().stream()
                .filter(m -> !m.finished() && !m.appMode().equals("advanced-chat")).map(m -> m.id().toString()).toList();
        assertThat(unsaved).isNotEmpty();
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContainAnyElementsOf(unsaved);

        // the runs finish and the answers are saved after their window was synced
        harness.difyJdbc().update("UPDATE messages SET message = '[{\"role\": \"user\", \"text\": \"late\"}]'::json, "
                + "answer = 'a late answer', updated_at = created_at + interval '3 seconds' "
                + "WHERE message::text = '\"\"' AND status = 'normal' AND app_mode <> 'advanced-chat'");
        harness.difyJdbc().update("UPDATE workflow_runs SET status = 'succeeded', finished_at = created_at + interval '5 seconds', "
                + "outputs = '{\"answer\": \"late\"}' WHERE status = 'running'");
        harness.difyJdbc().update("UPDATE workflow_node_executions SET status = 'succeeded', elapsed_time = 1 WHERE status = 'running'");

        BackfillHarness.Result second = harness.runAt(firstSync.plusSeconds(600), "sync");

        assertThat(second.exitStatus()).as(second.err()).isZero();
        assertThat(second.out()).contains("from the watermark 2026-11-25T23:50:00Z");
        for (String id : runningIds) {
            StoredCall call = harness.weave.call(BackfillHarness.PROJECT, id).orElseThrow();
            assertThat(call.hasEnd()).isTrue();
            assertThat(call.partsReceived()).as("sent once").isEqualTo(2);
        }
        for (String id : unsaved) {
            StoredCall message = harness.weave.call(BackfillHarness.PROJECT, id).orElseThrow();
            assertThat(message.partsReceived()).as("sent once").isEqualTo(2);
            assertThat(message.output().toString()).contains("a late answer");
            assertThat(harness.weave.call(BackfillHarness.PROJECT, CallIds.llm(id))).isPresent();
        }
        assertThat(harness.stateJdbc().queryForObject(
                "SELECT count(*) FROM backfill_pending WHERE kind = 'workflow_runs' AND source_id::text = ANY(?)",
                Long.class, (Object) runningIds.toArray(new String[0]))).isZero();

        long requests = harness.weave.writeRequestCount();
        BackfillHarness.Result third = harness.runAt(firstSync.plusSeconds(1200), "sync");
        assertThat(third.exitStatus()).as(third.err()).isZero();
        assertThat(harness.weave.writeRequestCount()).as("nothing new, nothing resent").isEqualTo(requests);
        assertThat(harness.weave.incompleteCalls(BackfillHarness.PROJECT)).isEmpty();
    }

    @Test
    void syncsWithDifferentJobNamesKeepTheirOwnWatermarks() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        Instant now = Instant.parse("2026-11-26T00:00:00Z");

        assertThat(harness.runAt(now, "sync").exitStatus()).isZero();
        long requests = harness.weave.writeRequestCount();
        assertThat(harness.runAt(now.plusSeconds(60), "sync", "--dry-run").exitStatus()).isZero();

        assertThat(harness.weave.writeRequestCount()).isEqualTo(requests);
        assertThat(harness.stateJdbc().queryForList("SELECT scope FROM backfill_watermark", String.class)).hasSize(2);
    }
}
