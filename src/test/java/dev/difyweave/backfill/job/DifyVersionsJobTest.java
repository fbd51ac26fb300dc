package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedChatApp;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.demo.generator.GeneratedRun;
import dev.difyweave.backfill.testsupport.DifySchemaVariant;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.CallIds;

/**
 * Older Dify schemas (no messages.app_mode, no tool_meta_str, no offload table, no (created_at, id)
 * indexes, legacy end-user roles): the generator's rows, the schema turned into the old one, a
 * migrate: every expected call exactly once, in the right tree, and what the old schema lacks
 * handled as documented; {@code status} names the version range.
 */
class DifyVersionsJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @ParameterizedTest
    @EnumSource(DifySchemaVariant.class)
    void anOlderDifySchemaGivesTheSameTraces(DifySchemaVariant variant) {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<GeneratedRun> endUserRuns = harness.generated.runs().stream()
                .filter(r -> r.finished() && r.createdByRole().equals("end_user")).toList();
        variant.apply(harness.difyJdbc());
        boolean noAppMode = variant != DifySchemaVariant.DIFY_1_10;
        List<GeneratedChatApp> deleted = List.of();
        if (noAppMode) {
            // apps deleted since: their messages' mode can only come from their conversations
            deleted = List.of(chatApp("chat"), chatApp("advanced-chat"));
            deleted.forEach(app -> harness.difyJdbc().update("DELETE FROM apps WHERE id = ?", app.id()));
        }

        BackfillHarness.Result result = harness.run("migrate", "--to=2026-11-29T00:00:00Z");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(harness.problems()).noneMatch(p -> "created_by_role".equals(p.get("source_column")));

        for (GeneratedChatApp app : deleted) {
            GeneratedMessage message = harness.generated.messages().stream()
                    .filter(m -> m.appId().equals(app.id()) && m.finished()
                            && (!app.mode().equals("advanced-chat") || m.workflowRunId() != null))
                    .findFirst().orElseThrow();
            StoredCall root = call(message.id().toString());
            assertThat(root.parentId()).isNull();
            if (app.mode().equals("advanced-chat")) {
                assertThat(root.attributes().path("tags").toString()).isEqualTo("[\"message\",\"workflow\"]");
                assertThat(call(message.workflowRunId().toString()).parentId()).isEqualTo(message.id().toString());
            } else {
                assertThat(root.attributes().path("tags").toString()).isEqualTo("[\"message\",\"chat\"]");
                assertThat(call(CallIds.llm(message.id().toString())).parentId()).isEqualTo(message.id().toString());
            }
        }

        assertThat(endUserRuns).isNotEmpty();
        for (GeneratedRun run : endUserRuns) {
            String session = harness.difyJdbc().queryForObject("SELECT session_id FROM end_users WHERE id = ?",
                    String.class, run.createdBy());
            assertThat(call(run.id().toString()).attributes().path("user_id").stringValue())
                    .as("user of run %s (created_by_role %s)", run.id(), roleOf(run.id())).isEqualTo(session);
        }

        List<StoredCall> tools = harness.weave.visibleCalls(BackfillHarness.PROJECT).stream()
                .filter(c -> c.attributes().path("tags").path(0).asString("").equals("tool")).toList();
        assertThat(tools).isNotEmpty();
        if (variant == DifySchemaVariant.NO_TOOL_META) {
            assertThat(tools).allSatisfy(tool -> {
                assertThat(tool.endedAt()).isEqualTo(tool.startedAt());
                assertThat(tool.attributes().path("backfill").path("approximated").toString()).contains("ended_at");
                assertThat(tool.exception()).isNull();
            });
        } else {
            assertThat(tools).anyMatch(tool -> tool.endedAt().isAfter(tool.startedAt()));
            assertThat(tools).anyMatch(tool -> tool.exception() != null);
        }

        String status = harness.run("status").out();
        assertThat(status).contains("Dify source: " + variant.versionRange()).contains("alembic " + variant.revision())
                .contains("no (created_at, id) indexes");
        assertThat(status.contains("no messages.app_mode")).isEqualTo(noAppMode);
    }

    private GeneratedChatApp chatApp(String mode) {
        return harness.generated.chatApps().stream().filter(a -> a.mode().equals(mode)).findFirst().orElseThrow();
    }

    private String roleOf(UUID runId) {
        return harness.difyJdbc().queryForObject("SELECT created_by_role FROM workflow_runs WHERE id = ?", String.class,
                runId);
    }

    private StoredCall call(String id) {
        return harness.weave.call(BackfillHarness.PROJECT, id).orElseThrow(() -> new AssertionError("no call " + id));
    }
}
