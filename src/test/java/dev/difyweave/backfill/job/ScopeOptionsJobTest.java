package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.testsupport.StoredFeedback;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedApp;
import dev.difyweave.demo.generator.GeneratedChatApp;
import dev.difyweave.demo.generator.GeneratedConversation;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.demo.generator.GeneratedRun;

/** The options of cli.md that choose what is read: {@code --tenant} and an explicit {@code --safety-lag}. */
class ScopeOptionsJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aTenantFilterSendsEveryTraceOfThatWorkspaceAndNothingOfTheOther() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder().tenants(2).build());
        UUID tenant = harness.generated.tenants().get(1).id();
        Map<String, UUID> tenantOfRoot = tenantOfEveryRoot();
        Map<String, BackfillHarness.Expected> all = harness.expectedCalls();
        Map<String, BackfillHarness.Expected> ofTenant = all.entrySet().stream()
                .filter(e -> tenant.equals(tenantOfRoot.get(e.getValue().trace())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(ofTenant).isNotEmpty().hasSizeLessThan(all.size());

        BackfillHarness.Result result = harness.run("migrate", "--tenant=" + tenant);

        assertThat(result.exitStatus()).as(result.err()).isZero();
        harness.assertEveryExpectedCallExactlyOnce(ofTenant);
        // every kind of root of that workspace was read: workflow runs, messages of every mode, conversation names
        assertThat(harness.weave.visibleCalls(BackfillHarness.PROJECT)).extracting(StoredCall::opName)
                .contains("workflow", "message", "llm", "generate_conversation_name");
        // feedback too: only on the workspace's messages, and on every one that has some
        List<String> messagesOfTenant = harness.generated.messages().stream()
                .filter(m -> tenant.equals(tenantOfRoot.get(m.id().toString()))).map(m -> m.id().toString()).toList();
        List<String> withFeedback = harness.generated.feedbacks().stream().map(f -> f.messageId().toString())
                .filter(messagesOfTenant::contains).distinct().toList();
        assertThat(withFeedback).isNotEmpty();
        List<String> feedbackOn = harness.weave.feedback(BackfillHarness.PROJECT).stream().map(StoredFeedback::weaveRef)
                .map(ref -> ref.substring(ref.lastIndexOf('/') + 1)).distinct().toList();
        assertThat(feedbackOn).allMatch(messagesOfTenant::contains).containsAll(withFeedback);
        assertThat(harness.weave.feedback(BackfillHarness.PROJECT))
                .allSatisfy(f -> assertThat(f.weaveRef()).startsWith("weave:///" + BackfillHarness.PROJECT + "/call/"));
    }

    @Test
    void anExplicitSafetyLagEndsEverySyncWindowAtNowMinusTheLag() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        // later than every generated row: only the two moved runs are near the end of the window
        Duration lag = Duration.ofHours(2);
        Instant boundary = BackfillHarness.NOW.minus(lag);
        List<GeneratedRun> runs = harness.generated.runs().stream()
                .filter(r -> r.finished() && r.status().equals("succeeded")).toList();
        String before = runs.get(0).id().toString();
        String atTheBoundary = runs.get(1).id().toString();
        // one run a microsecond older than the lag, one exactly as old: the window [.., now - lag) ends between them
        moveRun(before, boundary.minusNanos(1_000));
        moveRun(atTheBoundary, boundary);

        BackfillHarness.Result first = harness.run("sync", "--safety-lag=PT2H");

        assertThat(first.exitStatus()).as(first.err()).isZero();
        assertThat(first.out()).contains("watermark advanced to " + boundary);
        assertThat(watermark()).isEqualTo(boundary);
        assertThat(harness.weave.call(BackfillHarness.PROJECT, before)).isPresent();
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContain(atTheBoundary);
        assertThat(harness.stateJdbc().queryForObject("SELECT count(*) FROM backfill_pending WHERE source_id::text = ?",
                Long.class, atTheBoundary)).as("outside the window, not pending").isZero();

        // an hour later the window is [now - lag - 1 h, now - lag): the run at the old boundary is in it
        BackfillHarness.Result second = harness.runAt(BackfillHarness.NOW.plus(Duration.ofHours(1)), "sync",
                "--safety-lag=PT2H");

        assertThat(second.exitStatus()).as(second.err()).isZero();
        assertThat(second.out()).contains("from the watermark " + boundary)
                .contains("watermark advanced to " + boundary.plus(Duration.ofHours(1)));
        assertThat(harness.weave.call(BackfillHarness.PROJECT, atTheBoundary)).hasValueSatisfying(call -> {
            assertThat(call.startedAt()).isEqualTo(boundary);
            assertThat(call.partsReceived()).isEqualTo(2);
        });
        assertThat(harness.weave.call(BackfillHarness.PROJECT, before).orElseThrow().partsReceived()).isEqualTo(2);
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void anExplicitSafetyLagIsTheDefaultEndOfAMigrate() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<GeneratedRun> runs = harness.generated.runs().stream()
                .filter(r -> r.finished() && r.status().equals("succeeded")).toList();
        // every generated row is older than a day (MessageBackfillJobTest): only the two moved runs are that young
        Instant boundary = BackfillHarness.NOW.minus(Duration.ofDays(1));
        String before = runs.get(0).id().toString();
        String atTheBoundary = runs.get(1).id().toString();
        moveRun(before, boundary.minusNanos(1_000));
        moveRun(atTheBoundary, boundary);

        BackfillHarness.Result result = harness.run("migrate", "--safety-lag=P1D");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(harness.stateJdbc().queryForObject("SELECT parameter_value FROM batch_job_execution_params "
                + "WHERE parameter_name = ?", String.class, BackfillRequest.TO)).isEqualTo(boundary.toString());
        assertThat(harness.weave.call(BackfillHarness.PROJECT, before)).isPresent();
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContain(atTheBoundary);
        Map<String, BackfillHarness.Expected> expected = new HashMap<>(harness.expectedCalls());
        expected.values().removeIf(e -> e.trace().equals(atTheBoundary));
        harness.assertEveryExpectedCallExactlyOnce(expected);
    }

    /** Moves a run and its nodes so that it starts at {@code start}, keeping its shape. */
    private void moveRun(String runId, Instant start) {
        LocalDateTime at = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        harness.difyJdbc().update("UPDATE workflow_node_executions n SET created_at = n.created_at + (? - r.created_at), "
                + "finished_at = n.finished_at + (? - r.created_at) FROM workflow_runs r "
                + "WHERE n.workflow_run_id = r.id AND r.id = ?::uuid", at, at, runId);
        harness.difyJdbc().update("UPDATE workflow_runs SET finished_at = finished_at + (? - created_at), created_at = ? "
                + "WHERE id = ?::uuid", at, at, runId);
    }

    private Instant watermark() {
        return harness.stateJdbc().queryForObject("SELECT window_end FROM backfill_watermark", java.time.OffsetDateTime.class)
                .toInstant();
    }

    /** Root call id -> the workspace of its app. */
    private Map<String, UUID> tenantOfEveryRoot() {
        Map<UUID, UUID> tenantOfApp = new HashMap<>();
        harness.generated.apps().forEach((GeneratedApp a) -> tenantOfApp.put(a.id(), a.tenantId()));
        harness.generated.chatApps().forEach((GeneratedChatApp a) -> tenantOfApp.put(a.id(), a.tenantId()));
        Map<String, UUID> tenantOfRoot = new HashMap<>();
        for (GeneratedRun run : harness.generated.runs()) {
            tenantOfRoot.put(run.id().toString(), run.tenantId());
        }
        for (GeneratedMessage message : harness.generated.messages()) {
            tenantOfRoot.put(message.id().toString(), tenantOfApp.get(message.appId()));
        }
        for (GeneratedConversation conversation : harness.generated.conversations()) {
            tenantOfRoot.put(CallIds.generateConversationName(conversation.id().toString()),
                    tenantOfApp.get(conversation.appId()));
        }
        return tenantOfRoot;
    }
}
