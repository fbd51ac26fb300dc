package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.APP_ID;
import static dev.difyweave.backfill.trace.MessageRows.CONVERSATION_ID;
import static dev.difyweave.backfill.trace.MessageRows.DATASET_ID;
import static dev.difyweave.backfill.trace.MessageRows.DATASET_ID_2;
import static dev.difyweave.backfill.trace.MessageRows.DOCUMENT_ID;
import static dev.difyweave.backfill.trace.MessageRows.END_USER_ID;
import static dev.difyweave.backfill.trace.MessageRows.FILES_URL;
import static dev.difyweave.backfill.trace.MessageRows.M;
import static dev.difyweave.backfill.trace.MessageRows.NO_USAGE;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.SEGMENT_ID;
import static dev.difyweave.backfill.trace.MessageRows.TENANT_ID;
import static dev.difyweave.backfill.trace.MessageRows.backfill;
import static dev.difyweave.backfill.trace.MessageRows.byOp;
import static dev.difyweave.backfill.trace.MessageRows.json;
import static dev.difyweave.backfill.trace.MessageRows.legacyResource;
import static dev.difyweave.backfill.trace.MessageRows.message;
import static dev.difyweave.backfill.trace.MessageRows.problems;
import static dev.difyweave.backfill.trace.MessageTraceMapperTest.ALL_KINDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.trace.MessageRows.MessageBuilder;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;
import tools.jackson.databind.JsonNode;

/** C10: dataset retrieval rebuilt from retriever resources (docs/reference/dify-source.md §2.5, §3.3 (f)). */
class DatasetRetrievalMapperTest {

    private static final String RESOURCE_1 = "{\"position\":1,\"dataset_id\":\"" + DATASET_ID + "\","
            + "\"dataset_name\":\"Docs\",\"document_id\":\"" + DOCUMENT_ID + "\",\"document_name\":\"weave.md\","
            + "\"data_source_type\":\"upload_file\",\"segment_id\":\"" + SEGMENT_ID + "\",\"retriever_from\":\"api\","
            + "\"score\":0.8231,\"hit_count\":4,\"word_count\":312,\"segment_position\":2,\"index_node_hash\":\"ab12\","
            + "\"content\":\"Weave is a lightweight toolkit for tracking LLM calls.\",\"page\":null,"
            + "\"doc_metadata\":null,\"title\":\"weave.md\",\"files\":[],\"summary\":null}";
    private static final String RESOURCE_2 = "{\"position\":2,\"dataset_id\":\"" + DATASET_ID_2 + "\","
            + "\"dataset_name\":\"FAQ\",\"document_id\":\"" + DOCUMENT_ID + "\",\"document_name\":\"faq.md\","
            + "\"score\":0.61,\"content\":\"Weave is made by Weights & Biases.\"}";
    private static final String METADATA = "{\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":17,"
            + "\"total_tokens\":59,\"latency\":1.2},\"retriever_resources\":[" + RESOURCE_1 + "," + RESOURCE_2 + "]}";

    private final MessageTraceMapper mapper = new MessageTraceMapper(PROVENANCE, FILES_URL);

    private AssembledTrace map(MessageBuilder builder, Set<TraceKind> kinds) {
        AssembledTrace trace = MessageTraceMapperTest.map(mapper, builder, kinds);
        for (WeaveCall call : trace.calls()) {
            if (call.opName().equals("dataset_retrieval")) {
                assertThat(call.id()).isEqualTo(CallIds.v5("dataset_retrieval:" + M));
                assertThat(call.parentId()).isEqualTo(M);
                assertThat(call.displayName()).isNull();
                assertThat(call.exception()).isNull();
                // not persisted by Dify: start = end = messages.created_at
                assertThat(WeaveJson.timestamp(call.startedAt())).isEqualTo("2025-11-20T09:30:15.000000Z");
                assertThat(call.endedAt()).isEqualTo(call.startedAt());
                assertThat(call.sourceKey().toString()).isEqualTo("messages:" + M);
            }
        }
        return trace;
    }

    private AssembledTrace retrieval(MessageBuilder builder) {
        return map(builder, Set.of(TraceKind.DATASET_RETRIEVAL));
    }

    private static JsonNode node(String compact) {
        return Json.MAPPER.readTree(compact);
    }

    private static String document(String content, String metadata) {
        return "{\"page_content\":\"" + content + "\",\"vector\":null,\"metadata\":" + metadata
                + ",\"provider\":\"dify\",\"children\":null,\"attachments\":null}";
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void chatMessageWithRetrieverResourcesGetsADatasetRetrievalCall() {
        AssembledTrace trace = map(message().metadata(METADATA)
                .dataset(DATASET_ID, "text-embedding-3-small", "langgenius/openai/openai")
                .dataset(DATASET_ID_2, "embed-multilingual-v3.0", "langgenius/cohere/cohere"), ALL_KINDS);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm", "dataset_retrieval");
        assertThat(trace.problems()).isEmpty();
        WeaveCall call = byOp(trace, "dataset_retrieval");

        assertThat(json(call.inputs())).isEqualTo("{\"messages\":{\"role\":\"user\",\"content\":\"What is Weave?\","
                + "\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}}");
        assertThat(MessageRows.tree(call.output())).isEqualTo(node("{\"documents\":["
                + document("Weave is a lightweight toolkit for tracking LLM calls.", "{\"dataset_id\":\"" + DATASET_ID
                        + "\",\"dataset_name\":\"Docs\",\"document_id\":\"" + DOCUMENT_ID + "\","
                        + "\"document_name\":\"weave.md\",\"segment_id\":\"" + SEGMENT_ID + "\",\"position\":1,"
                        + "\"score\":0.8231,\"data_source_type\":\"upload_file\",\"retriever_from\":\"api\","
                        + "\"hit_count\":4,\"word_count\":312,\"segment_position\":2,\"doc_hash\":\"ab12\"}")
                + "," + document("Weave is made by Weights & Biases.", "{\"dataset_id\":\"" + DATASET_ID_2
                        + "\",\"dataset_name\":\"FAQ\",\"document_id\":\"" + DOCUMENT_ID + "\","
                        + "\"document_name\":\"faq.md\",\"position\":2,\"score\":0.61}")
                + "],\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}"));
        // live order of the keys: documents, then the two injected ones
        assertThat(json(call.output())).endsWith(",\"usage_metadata\":" + NO_USAGE + ",\"file_list\":[]}");
        assertThat(MessageRows.tree(call.attributes())).isEqualTo(node("{\"conversation_id\":\"" + CONVERSATION_ID + "\","
                + "\"ls_provider\":\"langgenius/openai/openai\",\"ls_model_name\":\"gpt-4o-mini\",\"status\":\"normal\","
                + "\"from_end_user_id\":\"" + END_USER_ID + "\",\"from_account_id\":null,\"agent_based\":false,"
                + "\"workflow_run_id\":null,\"from_source\":\"api\",\"message_id\":\"" + M + "\",\"tenant_id\":\""
                + TENANT_ID + "\",\"app_id\":\"" + APP_ID + "\",\"user_id\":\"" + END_USER_ID + "\",\"app_name\":\"\","
                + "\"workspace_name\":\"\",\"embedding_models\":{\"" + DATASET_ID + "\":{"
                + "\"embedding_model\":\"text-embedding-3-small\",\"embedding_model_provider\":\"langgenius/openai/openai\"},"
                + "\"" + DATASET_ID_2 + "\":{\"embedding_model\":\"embed-multilingual-v3.0\","
                + "\"embedding_model_provider\":\"langgenius/cohere/cohere\"}},\"rerank_model_provider\":\"\","
                + "\"rerank_model_name\":\"\",\"tags\":[\"dataset_retrieval\"],"
                + "\"start_time\":\"2025-11-20T09:30:15.000000Z\",\"end_time\":\"2025-11-20T09:30:15.000000Z\","
                + "\"trace_id\":\"" + M + "\",\"backfill\":" + backfill("started_at", "ended_at", "output.documents")
                + "}"));
        assertThat(json(call.summary())).isEqualTo("{\"status_counts\":{\"success\":1,\"error\":0},"
                + "\"weave\":{\"latency_ms\":0}}");
    }

    @Test
    void completionAndAgentMessagesGetOneToo() {
        for (String mode : new String[] {"completion", "agent-chat"}) {
            AssembledTrace trace = retrieval(message().mode(mode).metadata(METADATA));
            assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("dataset_retrieval");
        }
    }

    @Test
    void datasetWithoutItsRowHasNoEmbeddingModelEntry() {
        WeaveCall call = byOp(retrieval(message().metadata(METADATA)
                .dataset(DATASET_ID, "text-embedding-3-small", "openai")), "dataset_retrieval");

        assertThat(json(call.attributes().path("embedding_models"))).isEqualTo("{\"" + DATASET_ID
                + "\":{\"embedding_model\":\"text-embedding-3-small\",\"embedding_model_provider\":\"openai\"}}");
        assertThat(call.output().path("documents")).hasSize(2);
    }

    @Test
    void legacyRetrieverResourceRowsAreTheFallback() {
        WeaveCall call = byOp(retrieval(message()
                .legacy(legacyResource(1, DATASET_ID, "Legacy hit one", 0.77),
                        legacyResource(2, DATASET_ID, "Legacy hit two", null))
                .dataset(DATASET_ID, "text-embedding-ada-002", "openai")), "dataset_retrieval");

        assertThat(MessageRows.tree(call.output().path("documents"))).isEqualTo(node("["
                + document("Legacy hit one", "{\"dataset_id\":\"" + DATASET_ID + "\",\"dataset_name\":\"Docs\","
                        + "\"document_id\":\"" + DOCUMENT_ID + "\",\"document_name\":\"weave.md\",\"segment_id\":\""
                        + SEGMENT_ID + "\",\"position\":1,\"score\":0.77,\"data_source_type\":\"upload_file\","
                        + "\"retriever_from\":\"dev\",\"doc_hash\":\"hash-1\"}")
                + "," + document("Legacy hit two", "{\"dataset_id\":\"" + DATASET_ID + "\",\"dataset_name\":\"Docs\","
                        + "\"document_id\":\"" + DOCUMENT_ID + "\",\"document_name\":\"weave.md\",\"segment_id\":\""
                        + SEGMENT_ID + "\",\"position\":2,\"data_source_type\":\"upload_file\","
                        + "\"retriever_from\":\"dev\",\"doc_hash\":\"hash-2\"}")
                + "]"));
        assertThat(json(call.attributes().path("embedding_models"))).isEqualTo("{\"" + DATASET_ID
                + "\":{\"embedding_model\":\"text-embedding-ada-002\",\"embedding_model_provider\":\"openai\"}}");
    }

    @Test
    void metadataResourcesWinOverLegacyRows() {
        WeaveCall call = byOp(retrieval(message().metadata(METADATA)
                .legacy(legacyResource(1, DATASET_ID, "Legacy hit", 0.5))), "dataset_retrieval");

        assertThat(call.output().path("documents")).hasSize(2);
        assertThat(call.output().path("documents").get(0).path("page_content").stringValue())
                .isEqualTo("Weave is a lightweight toolkit for tracking LLM calls.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"usage\":{\"total_tokens\":59}}", "{\"retriever_resources\":[]}",
            "{\"retriever_resources\":null}", "{\"annotation_reply\":null,\"retriever_resources\":{}}"})
    void noResourcesNoCall(String metadata) {
        AssembledTrace trace = map(message().metadata(metadata.isEmpty() ? null : metadata), ALL_KINDS);

        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void malformedMessageMetadataIsRecordedAndMakesNoCall() {
        AssembledTrace trace = retrieval(message().metadata("{\"retriever_resources\":[{\"content\":"));

        assertThat(trace.calls()).isEmpty();
        assertThat(problems(trace)).containsExactly("messages:" + M + ":message_metadata");
    }

    @Test
    void messageWithoutQueryUsesItsInputs() {
        WeaveCall call = byOp(retrieval(message().mode("completion").query("").metadata(METADATA)),
                "dataset_retrieval");

        assertThat(json(call.inputs())).isEqualTo("{\"name\":\"Ada\",\"usage_metadata\":" + NO_USAGE
                + ",\"file_list\":[]}");
    }

    @Test
    void kindsWithoutDatasetRetrievalMakeNoRetrievalCall() {
        AssembledTrace trace = map(message().metadata(METADATA), Set.of(TraceKind.MESSAGE, TraceKind.TOOL, TraceKind.MODERATION));
        assertThat(trace.calls()).extracting(WeaveCall::opName).containsExactly("message", "llm");
    }
}
