package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.testsupport.StoredCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each call of a run with {@code --content=keep} must carry, read from the Dify rows it was made of
 * (docs/trace-mapping.md): names, the error as the exception, every field of the rows' JSON payloads,
 * answers, token counts, file links, tool inputs and errors, conversation names. Written apart from the
 * mappers: the expected values come from SQL and the rows' JSON as Dify stored it.
 */
final class SourcePayloads {

    private final JdbcTemplate dify;
    private final Map<String, StoredCall> calls;
    private final String filesUrl;
    private final SoftAssertions softly = new SoftAssertions();
    private int checked;

    private SourcePayloads(JdbcTemplate dify, List<StoredCall> calls, String filesUrl) {
        this.dify = dify;
        this.calls = calls.stream().collect(Collectors.toMap(StoredCall::id, Function.identity()));
        this.filesUrl = filesUrl;
    }

    /** Checks every visible call that comes from a row; fails listing every mismatch. */
    static void assertMatchTheirRows(JdbcTemplate dify, List<StoredCall> visible, String filesUrl) {
        SourcePayloads payloads = new SourcePayloads(dify, visible, filesUrl);
        payloads.runs();
        payloads.nodes();
        payloads.messages();
        payloads.tools();
        payloads.conversationNames();
        payloads.softly.assertAll();
        assertThat(payloads.checked).as("calls checked against their rows").isEqualTo(visible.size()
                - visible.stream().filter(c -> c.opName().equals("moderation") || c.opName().equals("dataset_retrieval")).count());
    }

    private void runs() {
        dify.query("SELECT id::text, inputs, outputs, error, status, total_tokens, tenant_id::text AS tenant, "
                + "app_id::text AS app, workflow_id::text AS workflow, triggered_from FROM workflow_runs", rs -> {
            StoredCall call = calls.get(rs.getString("id"));
            if (call == null) {
                return;
            }
            checked++;
            String what = "workflow run " + call.id();
            softly.assertThat(call.opName()).as(what).isEqualTo("workflow");
            softly.assertThat(call.displayName()).as(what).isEqualTo("workflow_" + call.id());
            softly.assertThat(call.exception()).as("exception of " + what).isEqualTo(blankToNull(rs.getString("error")));
            containsFields(what + " inputs", call.inputs(), rs.getString("inputs"));
            containsFields(what + " output", call.output(), rs.getString("outputs"));
            ObjectNode attributes = (ObjectNode) call.attributes();
            softly.assertThat(attributes.path("status").stringValue()).as(what).isEqualTo(rs.getString("status"));
            softly.assertThat(attributes.path("tenant_id").stringValue()).as(what).isEqualTo(rs.getString("tenant"));
            softly.assertThat(attributes.path("app_id").stringValue()).as(what).isEqualTo(rs.getString("app"));
            softly.assertThat(attributes.path("workflow_id").stringValue()).as(what).isEqualTo(rs.getString("workflow"));
            softly.assertThat(attributes.path("triggered_from").stringValue()).as(what)
                    .isEqualTo(rs.getString("triggered_from"));
            softly.assertThat(attributes.path("total_tokens").longValue()).as(what).isEqualTo(rs.getLong("total_tokens"));
        });
    }

    private void nodes() {
        dify.query("SELECT id::text, node_type, title, status, error, inputs, outputs, workflow_run_id::text AS run "
                + "FROM workflow_node_executions WHERE triggered_from = 'workflow-run'", rs -> {
            StoredCall call = calls.get(rs.getString("id"));
            if (call == null) {
                return;
            }
            checked++;
            String what = rs.getString("node_type") + " node " + call.id();
            softly.assertThat(call.opName()).as(what).isEqualTo(rs.getString("node_type"));
            softly.assertThat(call.displayName()).as(what).isEqualTo(blankToNull(rs.getString("title")));
            String status = rs.getString("status");
            // C4: a failed node ends with its error
            softly.assertThat(call.exception()).as("exception of " + what)
                    .isEqualTo(List.of("failed", "exception").contains(status) ? rs.getString("error") : null);
            softly.assertThat(call.attributes().path("status").stringValue()).as(what).isEqualTo(status);
            softly.assertThat(call.attributes().path("workflow_run_id").stringValue()).as(what).isEqualTo(rs.getString("run"));
            if (!"llm".equals(rs.getString("node_type"))) {
                containsFields(what + " inputs", call.inputs(), rs.getString("inputs"));
            }
            containsFields(what + " output", call.output(), rs.getString("outputs"));
        });
    }

    private void messages() {
        Map<String, List<String>> files = new HashMap<>();
        dify.query("SELECT message_id::text, url, upload_file_id::text AS upload FROM message_files "
                + "ORDER BY message_id, created_at, id", rs -> {
            files.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>())
                    .add(fileUrl(rs.getString("url"), rs.getString("upload")));
        });
        dify.query("SELECT id::text, answer, error, message_tokens, answer_tokens, model_id, model_provider, "
                + "conversation_id::text AS conversation, workflow_run_id::text AS run, status, "
                + "(SELECT outputs FROM workflow_runs r WHERE r.id = m.workflow_run_id) AS run_outputs FROM messages m",
                rs -> {
            String id = rs.getString("id");
            StoredCall call = calls.get(id);
            if (call == null) {
                return;
            }
            checked++;
            String what = "message " + id;
            softly.assertThat(call.opName()).as(what).isEqualTo("message");
            softly.assertThat(call.displayName()).as(what).isEqualTo("message_" + id);
            softly.assertThat(call.attributes().path("conversation_id").stringValue()).as(what)
                    .isEqualTo(rs.getString("conversation"));
            if (rs.getString("run") != null) {
                // a chatflow message is the root of its run: the run's outputs (C2)
                containsFields(what + " output", call.output(), rs.getString("run_outputs"));
                return;
            }
            // C15: an error message ends with its error
            softly.assertThat(call.exception()).as("exception of " + what).isEqualTo(blankToNull(rs.getString("error")));
            softly.assertThat(call.attributes().path("status").stringValue()).as(what).isEqualTo(rs.getString("status"));
            softly.assertThat(call.attributes().path("ls_model_name").stringValue()).as(what).isEqualTo(rs.getString("model_id"));
            softly.assertThat(call.attributes().path("ls_provider").stringValue()).as(what)
                    .isEqualTo(rs.getString("model_provider"));
            long prompt = rs.getLong("message_tokens");
            long completion = rs.getLong("answer_tokens");
            List<String> links = files.getOrDefault(id, List.of());
            softly.assertThat(call.output()).as(what + " output")
                    .isEqualTo(choices(rs.getString("answer"), prompt, completion, links));
            // C3: every file of the message, linked under FILES_URL
            softly.assertThat(call.inputs().path("messages").findValues("file_list")).as(what + " file_list")
                    .allSatisfy(list -> assertThat(strings(list)).isEqualTo(links));
            // C5: token usage where Weave shows it
            ObjectNode usage = Json.NODES.objectNode();
            usage.putObject(rs.getString("model_id")).put("requests", 1).put("prompt_tokens", prompt)
                    .put("completion_tokens", completion).put("total_tokens", prompt + completion);
            softly.assertThat(call.summary().path("usage")).as(what + " summary.usage").isEqualTo(parsed(usage));
            StoredCall llm = calls.get(CallIds.llm(id));
            softly.assertThat(llm).as("llm of " + what).isNotNull();
            if (llm != null) {
                checked++;
                softly.assertThat(llm.output()).as("llm of " + what)
                        .isEqualTo(choices(rs.getString("answer"), prompt, completion, List.of()));
                softly.assertThat(llm.summary().path("usage")).as("llm of " + what).isEqualTo(parsed(usage));
            }
        });
    }

    private void tools() {
        dify.query("SELECT message_id::text AS message, id::text, tool, tool_input, tool_meta_str FROM message_agent_thoughts "
                + "WHERE tool IS NOT NULL AND tool <> ''", rs -> {
            JsonNode inputs = Json.MAPPER.readTree(rs.getString("tool_input"));
            JsonNode metas = Json.MAPPER.readTree(rs.getString("tool_meta_str"));
            String[] tools = rs.getString("tool").split(";");
            for (int n = 0; n < tools.length; n++) {
                StoredCall call = calls.get(CallIds.tool(rs.getString("message"), rs.getString("id"), tools[n], n));
                if (call == null) {
                    continue;
                }
                checked++;
                String what = "tool " + tools[n] + " of thought " + rs.getString("id");
                softly.assertThat(call.opName()).as(what).isEqualTo(tools[n]);
                softly.assertThat(call.attributes().path("tool_inputs")).as(what).isEqualTo(inputs.path(tools[n]));
                // C7: a failed use carries its error
                JsonNode error = metas.path(tools[n]).path("error");
                softly.assertThat(call.exception()).as("exception of " + what)
                        .isEqualTo(error.isString() ? blankToNull(error.stringValue()) : null);
            }
        });
    }

    private void conversationNames() {
        dify.query("""
                SELECT c.id::text, c.name,
                       (SELECT m.query FROM messages m WHERE m.conversation_id = c.id ORDER BY m.created_at, m.id LIMIT 1)
                FROM conversations c""", rs -> {
            StoredCall call = calls.get(CallIds.generateConversationName(rs.getString("id")));
            if (call == null) {
                return;
            }
            checked++;
            String what = "name of conversation " + rs.getString("id");
            softly.assertThat(call.opName()).as(what).isEqualTo("generate_conversation_name");
            softly.assertThat(call.output().path("choices").path("content").stringValue()).as(what)
                    .isEqualTo(rs.getString("name"));
            softly.assertThat(call.inputs().path("messages").path("content").stringValue()).as(what)
                    .isEqualTo(rs.getString("query"));
        });
    }

    /** Every field of the row's JSON object is in the call's payload with the same value. */
    private void containsFields(String what, JsonNode payload, String rowJson) {
        JsonNode row = rowJson == null ? null : Json.MAPPER.readTree(rowJson);
        if (row == null || !row.isObject() || row.isEmpty()) {
            return;
        }
        softly.assertThat(payload).as(what).isNotNull();
        if (payload != null) {
            row.properties().forEach(e -> softly.assertThat(payload.get(e.getKey())).as(what + "." + e.getKey())
                    .isEqualTo(e.getValue()));
        }
    }

    /** The node as the fake's JSON parser reads it (numbers as the smallest type that holds them). */
    private static JsonNode parsed(JsonNode node) {
        return Json.MAPPER.readTree(node.toString());
    }

    /** Dify's live transformation of an answer string (docs/reference/dify-source.md §3.2). */
    private static JsonNode choices(String answer, long prompt, long completion, List<String> links) {
        ObjectNode output = Json.NODES.objectNode();
        ObjectNode choice = output.putObject("choices").put("role", "ai").put("content", answer == null ? "" : answer);
        choice.putObject("usage_metadata").put("input_tokens", prompt).put("output_tokens", completion)
                .put("total_tokens", prompt + completion);
        links.forEach(choice.putArray("file_list")::add);
        return parsed(output);
    }

    /** C3: {@code <FILES_URL>/<url>}, a remote URL as it is, a local upload by its id. */
    private String fileUrl(String url, String uploadFileId) {
        if (url == null || url.isBlank()) {
            return filesUrl + "/files/" + uploadFileId + "/file-preview";
        }
        return url.startsWith("http://") || url.startsWith("https://") ? url
                : filesUrl + (url.startsWith("/") ? url : "/" + url);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.stringValue()));
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
