package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedAgentThought;
import dev.difyweave.demo.generator.GeneratedConversation;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;

/** A migrate over apps of every mode: exactly the expected trees, nothing else, and nothing on a second run. */
class MessageBackfillJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyModeProducesExactlyTheExpectedTreesAndASecondRunAddsNothing() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());

        BackfillHarness.Result result = harness.run("migrate", "--to=2026-11-29T00:00:00Z");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
        SourcePayloads.assertMatchTheirRows(harness.difyJdbc(), harness.weave.visibleCalls(BackfillHarness.PROJECT),
                BackfillHarness.FILES_URL);
        long requests = harness.weave.writeRequestCount();
        assertThat(harness.run("migrate", "--to=2026-11-29T00:00:00Z").exitStatus()).isZero();
        assertThat(harness.weave.writeRequestCount()).isEqualTo(requests);

        List<GeneratedMessage> messages = harness.generated.messages();
        GeneratedMessage chatflow = messages.stream()
                .filter(m -> m.appMode().equals("advanced-chat") && m.finished() && m.workflowRunId() != null)
                .findFirst().orElseThrow();
        StoredCall root = call(chatflow.id().toString());
        assertThat(root.parentId()).as("C2: the chatflow message is the root").isNull();
        assertThat(root.opName()).isEqualTo("message");
        assertThat(root.displayName()).isEqualTo("message_" + chatflow.id());
        StoredCall workflow = call(chatflow.workflowRunId().toString());
        assertThat(workflow.parentId()).isEqualTo(chatflow.id().toString());
        assertThat(workflow.traceId()).isEqualTo(chatflow.id().toString());

        GeneratedMessage error = messages.stream().filter(m -> m.status().equals("error") && !m.appMode().equals("advanced-chat"))
                .findFirst().orElseThrow();
        String messageError = harness.difyJdbc().queryForObject("SELECT error FROM messages WHERE id = ?", String.class,
                error.id());
        assertThat(messageError).isNotBlank();
        assertThat(call(error.id().toString()).exception()).as("C15").isEqualTo(messageError);

        GeneratedMessage agent = messages.stream().filter(m -> m.finished() && m.agentThoughts().stream()
                .anyMatch(t -> t.tools().size() > 1)).findFirst().orElseThrow();
        GeneratedAgentThought twoTools = agent.agentThoughts().stream().filter(t -> t.tools().size() > 1).findFirst()
                .orElseThrow();
        StoredCall first = call(CallIds.tool(agent.id().toString(), twoTools.id().toString(), twoTools.tools().get(0), 0));
        StoredCall second = call(CallIds.tool(agent.id().toString(), twoTools.id().toString(), twoTools.tools().get(1), 1));
        assertThat(first.opName()).isEqualTo(twoTools.tools().get(0));
        assertThat(second.opName()).isEqualTo(twoTools.tools().get(1));
        assertThat(first.startedAt()).as("both in the same thought's time").isEqualTo(second.startedAt())
                .isEqualTo(twoTools.createdAt().toInstant(java.time.ZoneOffset.UTC));
        assertThat(first.attributes().path("tags").toString()).contains("\"tool\"");

        GeneratedMessage failedTool = messages.stream().filter(m -> m.finished() && m.agentThoughts().stream()
                .anyMatch(t -> !t.toolsWithError().isEmpty())).findFirst().orElseThrow();
        GeneratedAgentThought withError = failedTool.agentThoughts().stream().filter(t -> !t.toolsWithError().isEmpty())
                .findFirst().orElseThrow();
        String tool = withError.toolsWithError().get(0);
        String toolError = Json.MAPPER.readTree(harness.difyJdbc().queryForObject(
                "SELECT tool_meta_str FROM message_agent_thoughts WHERE id = ?", String.class, withError.id()))
                .path(tool).path("error").stringValue();
        assertThat(toolError).isNotBlank();
        assertThat(call(CallIds.tool(failedTool.id().toString(), withError.id().toString(), tool,
                withError.tools().indexOf(tool))).exception()).as("C7: a failed tool use").isEqualTo(toolError);

        GeneratedMessage withFile = messages.stream().filter(m -> m.finished() && !m.files().isEmpty()
                && !m.appMode().equals("advanced-chat")).findFirst().orElseThrow();
        List<String> fileUrls = harness.difyJdbc().queryForList("SELECT CASE WHEN coalesce(url, '') = '' THEN "
                + "'" + BackfillHarness.FILES_URL + "/files/' || upload_file_id || '/file-preview' WHEN url LIKE 'http%' "
                + "THEN url ELSE '" + BackfillHarness.FILES_URL + "/' || ltrim(url, '/') END FROM message_files "
                + "WHERE message_id = ? ORDER BY created_at, id", String.class, withFile.id());
        assertThat(fileUrls).hasSize(withFile.files().size());
        assertThat(call(withFile.id().toString()).output().path("choices").path("file_list")).as("C3")
                .isEqualTo(Json.MAPPER.valueToTree(fileUrls));

        GeneratedMessage keywordFlagged = messages.stream().filter(m -> m.finished() && Boolean.TRUE.equals(m.moderationFlagged()))
                .findFirst().orElseThrow();
        assertThat(call(CallIds.moderation(keywordFlagged.id().toString())).output().path("flagged").asBoolean())
                .as("C9: keywords re-evaluated").isTrue();

        GeneratedConversation named = harness.generated.conversations().stream()
                .filter(c -> c.hasGeneratedName() && !c.appMode().equals("completion")).findFirst().orElseThrow();
        StoredCall name = call(CallIds.generateConversationName(named.id().toString()));
        assertThat(name.parentId()).isNull();
        assertThat(name.attributes().path("conversation_id").asString()).isEqualTo(named.id().toString());
        assertThat(name.output().toString()).contains(named.name().replace("\"", "\\\""));
        assertThat(name.attributes().path("backfill").path("approximated").toString()).contains("started_at");
    }

    @Test
    void kindsSelectWhichCallsAreSent() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());

        BackfillHarness.Result result = harness.run("migrate", "--to=2026-11-29T00:00:00Z", "--kinds=tool,generate_name");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        Map<String, BackfillHarness.Expected> all = harness.expectedCalls();
        List<StoredCall> visible = harness.weave.visibleCalls(BackfillHarness.PROJECT);
        assertThat(visible).isNotEmpty().allSatisfy(call -> {
            assertThat(all).containsKey(call.id());
            assertThat(call.opName()).isNotIn("message", "llm", "workflow", "moderation", "dataset_retrieval");
        });
        assertThat(visible).anyMatch(c -> c.opName().equals("generate_conversation_name"));
        long tools = harness.generated.messages().stream().filter(GeneratedMessage::finished)
                .filter(m -> !m.appMode().equals("advanced-chat")).mapToLong(GeneratedMessage::toolUseCount).sum();
        assertThat(visible.stream().filter(c -> !c.opName().equals("generate_conversation_name")).count()).isEqualTo(tools);
    }

    private StoredCall call(String id) {
        return harness.weave.call(BackfillHarness.PROJECT, id).orElseThrow(() -> new AssertionError("no call " + id));
    }
}
