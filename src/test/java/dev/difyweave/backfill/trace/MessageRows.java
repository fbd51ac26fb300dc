package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.testsupport.ColumnText.asRead;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.backfill.source.AgentThoughtRow;
import dev.difyweave.backfill.source.AppFeatures;
import dev.difyweave.backfill.source.ConversationRow;
import dev.difyweave.backfill.source.DatasetRow;
import dev.difyweave.backfill.source.MessageFileRow;
import dev.difyweave.backfill.source.MessageRow;
import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.source.NodeExecutionRow;
import dev.difyweave.backfill.source.RetrieverResourceRow;
import dev.difyweave.backfill.source.WorkflowRunRow;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;
import tools.jackson.databind.JsonNode;

/**
 * Builders for the Dify rows the message, tool, retrieval, moderation and conversation-name mappers
 * read, with realistic defaults (a chat message of an end user). Timestamps are naive UTC.
 */
final class MessageRows {

    static final Provenance PROVENANCE = new Provenance("dify-weave-backfill", "0.1.0", "message-backfill");
    static final String FILES_URL = "https://dify.example.com";

    static final UUID MESSAGE_ID = UUID.fromString("9d3c1f2a-7b6e-4c5d-8a9b-0c1d2e3f4a5b");
    static final UUID APP_ID = UUID.fromString("b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e");
    static final UUID TENANT_ID = UUID.fromString("2e3d4c5b-6a79-4887-9a6b-5c4d3e2f1a0b");
    static final UUID CONVERSATION_ID = UUID.fromString("c1c2c3c4-d5d6-4e7e-8f8f-9a9b0c0d1e1f");
    static final UUID ACCOUNT_ID = UUID.fromString("88a7b6c5-d4e3-4f21-9a8b-7c6d5e4f3a2b");
    static final UUID END_USER_ID = UUID.fromString("f1e2d3c4-b5a6-4978-8c9d-0e1f2a3b4c5d");
    static final UUID RUN_ID = UUID.fromString("5c7a2d2f-9e3b-4a4c-8d8f-2b3c4d5e6f70");
    static final UUID WORKFLOW_ID = UUID.fromString("1a0b9c8d-7e6f-4d5c-8b4a-3f2e1d0c9b8a");
    static final UUID APP_CONFIG_ID = UUID.fromString("3b4c5d6e-7f80-4a1b-9c2d-3e4f5a6b7c8d");
    static final UUID DATASET_ID = UUID.fromString("d0d0d0d0-0000-4000-8000-000000000001");
    static final UUID DATASET_ID_2 = UUID.fromString("d0d0d0d0-0000-4000-8000-000000000011");
    static final UUID DOCUMENT_ID = UUID.fromString("d0d0d0d0-0000-4000-8000-000000000002");
    static final UUID SEGMENT_ID = UUID.fromString("d0d0d0d0-0000-4000-8000-000000000003");
    static final String SESSION_ID = "user-42@example.com";

    static final String M = MESSAGE_ID.toString();
    static final String W = RUN_ID.toString();

    /** messages.created_at is a DB default: whole seconds. */
    static final LocalDateTime CREATED = LocalDateTime.parse("2025-11-20T09:30:15");
    /** messages.updated_at is set in Python: microseconds. */
    static final LocalDateTime UPDATED = LocalDateTime.parse("2025-11-20T09:30:18.734512");

    static final String CHAT_PROMPT = "[{\"role\":\"system\",\"text\":\"You are a helpful assistant.\",\"files\":[]},"
            + "{\"role\":\"user\",\"text\":\"What is Weave?\",\"files\":[]}]";
    static final String ANSWER = "Weave is a toolkit for tracking LLM apps.";

    private MessageRows() {
    }

    static MessageBuilder message() {
        return new MessageBuilder();
    }

    static UUID thoughtId(int n) {
        return UUID.fromString(String.format("7a000000-0000-4000-8000-%012d", n));
    }

    static UUID fileId(int n) {
        return UUID.fromString(String.format("f11e0000-0000-4000-8000-%012d", n));
    }

    static UUID nodeId(int n) {
        return UUID.fromString(String.format("0de00000-0000-4000-8000-%012d", n));
    }

    static AgentThoughtRow thought(int n, String tool, String toolInput, String observation, String toolMeta,
            LocalDateTime createdAt) {
        return new AgentThoughtRow(thoughtId(n), MESSAGE_ID, n, tool, toolInput, observation, toolMeta, createdAt);
    }

    /** tool_meta_str of one tool as Dify writes it. */
    static String toolMeta(String name, double timeCost, String error) {
        return "\"" + name + "\":{\"time_cost\":" + timeCost + ",\"error\":" + (error == null ? "null"
                : "\"" + error + "\"") + ",\"tool_config\":{\"tool_name\":\"" + name
                + "\",\"tool_provider\":\"builtin\",\"tool_provider_type\":\"builtin\",\"tool_parameters\":{},"
                + "\"tool_icon\":\"\"}}";
    }

    static MessageFileRow remoteFile(int n, String url) {
        return new MessageFileRow(fileId(n), MESSAGE_ID, "image", "remote_url", url, null, "user");
    }

    static MessageFileRow localFile(int n, UUID uploadFileId) {
        return new MessageFileRow(fileId(n), MESSAGE_ID, "document", "local_file", null, uploadFileId, "user");
    }

    static RetrieverResourceRow legacyResource(int position, UUID datasetId, String content, Double score) {
        return new RetrieverResourceRow(MESSAGE_ID, position, datasetId, "Docs", DOCUMENT_ID, "weave.md",
                "upload_file", SEGMENT_ID, score, content, 3, 120, 7, "hash-" + position, "dev");
    }

    static AppFeatures appConfig(String moderation, String suggestedQuestions) {
        return AppFeatures.ofAppConfig(APP_CONFIG_ID.toString(), moderation, suggestedQuestions);
    }

    static String keywordsModeration(String keywords, boolean inputsEnabled, String preset) {
        return "{\"enabled\":true,\"type\":\"keywords\",\"config\":{\"keywords\":" + Json.NODES.stringNode(keywords)
                + ",\"inputs_config\":{\"enabled\":" + inputsEnabled + ",\"preset_response\":\"" + preset + "\"},"
                + "\"outputs_config\":{\"enabled\":false,\"preset_response\":\"\"}}}";
    }

    static RunBuilder run() {
        return new RunBuilder();
    }

    static ConversationRow conversation(String name, String firstQuery, LocalDateTime firstMessageAt) {
        return new ConversationRow(CONVERSATION_ID, APP_ID, TENANT_ID, "chat", name,
                LocalDateTime.parse("2025-11-20T09:30:14"), firstMessageAt == null ? null : MESSAGE_ID, firstQuery,
                firstMessageAt);
    }

    // ---------------------------------------------------------------------------------------------
    // assertion helpers shared by the tests

    static String json(JsonNode node) {
        return node == null ? null : WeaveJson.toJson(node);
    }

    static String json(String compact) {
        return WeaveJson.toJson(Json.MAPPER.readTree(compact));
    }

    /** A node as it reads back from its JSON, for order-insensitive comparison (int vs long nodes alike). */
    static JsonNode tree(JsonNode node) {
        return Json.MAPPER.readTree(WeaveJson.toJson(node));
    }

    static JsonNode tree(String compact) {
        return Json.MAPPER.readTree(compact);
    }

    static String ts(String iso) {
        return WeaveJson.timestamp(java.time.Instant.parse(iso));
    }

    static WeaveCall byOp(AssembledTrace trace, String op) {
        List<WeaveCall> found = trace.calls().stream().filter(c -> c.opName().equals(op)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one call with op " + op + ", got " + found.size() + ": "
                    + trace.calls().stream().map(WeaveCall::opName).toList());
        }
        return found.get(0);
    }

    static List<String> problems(AssembledTrace trace) {
        return trace.problems().stream().map(p -> p.table() + ":" + p.key() + ":" + p.column()).toList();
    }

    static String usageMetadata(Long in, Long out, Long total) {
        return "{\"input_tokens\":" + in + ",\"output_tokens\":" + out + ",\"total_tokens\":" + total + "}";
    }

    static final String NO_USAGE = usageMetadata(null, null, null);

    static String backfill(String... approximated) {
        StringBuilder list = new StringBuilder();
        for (String a : approximated) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(a).append('"');
        }
        return "{\"source\":\"dify-weave-backfill\",\"version\":\"0.1.0\",\"job\":\"message-backfill\","
                + "\"content\":\"keep\",\"approximated\":[" + list + "]}";
    }

    // ---------------------------------------------------------------------------------------------

    static final class MessageBuilder {
        UUID id = MESSAGE_ID;
        UUID appId = APP_ID;
        UUID tenantId = TENANT_ID;
        String appMode = "chat";
        UUID conversationId = CONVERSATION_ID;
        String modelProvider = "langgenius/openai/openai";
        String modelId = "gpt-4o-mini";
        String inputs = "{\"name\":\"Ada\"}";
        String query = "What is Weave?";
        String message = CHAT_PROMPT;
        String answer = ANSWER;
        long messageTokens = 42;
        long answerTokens = 17;
        double latency = 1.25;
        String fromSource = "api";
        UUID fromEndUserId = END_USER_ID;
        UUID fromAccountId = null;
        LocalDateTime createdAt = CREATED;
        LocalDateTime updatedAt = UPDATED;
        boolean agentBased = false;
        UUID workflowRunId = null;
        String status = "normal";
        String error = null;
        String messageMetadata = null;
        String invokeFrom = "service-api";

        String conversationMode = "chat";
        boolean conversationFound = true;
        AppFeatures features = null;
        final List<AgentThoughtRow> thoughts = new ArrayList<>();
        final List<MessageFileRow> files = new ArrayList<>();
        final List<RetrieverResourceRow> legacy = new ArrayList<>();
        final Map<UUID, DatasetRow> datasets = new LinkedHashMap<>();
        String endUserSessionId = SESSION_ID;
        WorkflowTraceSource chatflowRun = null;

        /** App mode and conversation mode together, as Dify writes them. */
        MessageBuilder mode(String value) {
            appMode = value;
            conversationMode = value;
            agentBased = "agent-chat".equals(value);
            return this;
        }

        MessageBuilder prompt(String value) {
            message = value;
            return this;
        }

        MessageBuilder answer(String value) {
            answer = value;
            return this;
        }

        MessageBuilder query(String value) {
            query = value;
            return this;
        }

        MessageBuilder inputs(String value) {
            inputs = value;
            return this;
        }

        MessageBuilder tokens(long prompt, long completion) {
            messageTokens = prompt;
            answerTokens = completion;
            return this;
        }

        MessageBuilder model(String provider, String model) {
            modelProvider = provider;
            modelId = model;
            return this;
        }

        MessageBuilder latency(double value) {
            latency = value;
            return this;
        }

        MessageBuilder times(LocalDateTime created, LocalDateTime updated) {
            createdAt = created;
            updatedAt = updated;
            return this;
        }

        MessageBuilder account() {
            fromEndUserId = null;
            fromAccountId = ACCOUNT_ID;
            fromSource = "console";
            invokeFrom = "debugger";
            endUserSessionId = null;
            return this;
        }

        MessageBuilder endUserSession(String value) {
            endUserSessionId = value;
            return this;
        }

        MessageBuilder status(String value, String errorText) {
            status = value;
            error = errorText;
            return this;
        }

        MessageBuilder metadata(String value) {
            messageMetadata = value;
            return this;
        }

        MessageBuilder conversationMissing() {
            conversationMode = null;
            conversationFound = false;
            return this;
        }

        MessageBuilder features(AppFeatures value) {
            features = value;
            return this;
        }

        MessageBuilder thoughts(AgentThoughtRow... rows) {
            thoughts.addAll(List.of(rows));
            return this;
        }

        MessageBuilder files(MessageFileRow... rows) {
            files.addAll(List.of(rows));
            return this;
        }

        MessageBuilder legacy(RetrieverResourceRow... rows) {
            legacy.addAll(List.of(rows));
            return this;
        }

        MessageBuilder dataset(UUID datasetId, String model, String provider) {
            datasets.put(datasetId, new DatasetRow(datasetId, model, provider));
            return this;
        }

        /** An advanced-chat message: its prompt stays the JSON string "" and it links to its run. */
        MessageBuilder chatflow(WorkflowTraceSource run) {
            mode("advanced-chat");
            message = "\"\"";
            modelProvider = null;
            modelId = null;
            workflowRunId = RUN_ID;
            chatflowRun = run;
            return this;
        }

        MessageRow row() {
            return new MessageRow(id, appId, tenantId, appMode, conversationId, modelProvider, modelId, asRead(inputs),
                    query, asRead(message), answer, messageTokens, answerTokens, latency, fromSource, fromEndUserId,
                    fromAccountId, createdAt, updatedAt, agentBased, workflowRunId, status, error,
                    asRead(messageMetadata), invokeFrom);
        }

        MessageTraceSource build() {
            return new MessageTraceSource(row(), conversationMode, conversationFound, features, List.copyOf(thoughts),
                    List.copyOf(files), List.copyOf(legacy), Map.copyOf(datasets), endUserSessionId, chatflowRun);
        }
    }

    /** A chatflow run (workflow_runs.type = chat) with its node executions. */
    static final class RunBuilder {
        String inputs = "{\"sys.query\":\"What is Weave?\",\"sys.files\":[],\"sys.conversation_id\":\""
                + CONVERSATION_ID + "\",\"sys.user_id\":\"" + SESSION_ID + "\",\"sys.dialogue_count\":1}";
        String outputs = "{\"answer\":\"" + ANSWER + "\"}";
        String status = "succeeded";
        String error = null;
        LocalDateTime createdAt = LocalDateTime.parse("2025-11-20T09:30:15.120000");
        LocalDateTime finishedAt = LocalDateTime.parse("2025-11-20T09:30:18.620001");
        final List<NodeExecutionRow> nodes = new ArrayList<>();

        RunBuilder failed(String errorText) {
            status = "failed";
            error = errorText;
            return this;
        }

        RunBuilder node(int n, String type, String title, String inputsJson, String processData, String outputsJson,
                String metadata, double elapsed) {
            nodes.add(new NodeExecutionRow(nodeId(n), RUN_ID, TENANT_ID, APP_ID, n, "node-" + n, type, title,
                    asRead(inputsJson), asRead(processData), asRead(outputsJson), "succeeded", null, elapsed,
                    asRead(metadata),
                    createdAt.plusNanos(n * 200_000_000L), createdAt.plusNanos(n * 200_000_000L).plusSeconds(1)));
            return this;
        }

        WorkflowTraceSource build() {
            WorkflowRunRow row = new WorkflowRunRow(RUN_ID, TENANT_ID, APP_ID, WORKFLOW_ID, "chat", "app-run",
                    "2025-11-18 10:00:00.000000", asRead(inputs), asRead(outputs), status, error, 3.500001, 155,
                    "end_user", END_USER_ID, createdAt, finishedAt);
            return new WorkflowTraceSource(row, List.copyOf(nodes), null, SESSION_ID, false);
        }
    }
}
