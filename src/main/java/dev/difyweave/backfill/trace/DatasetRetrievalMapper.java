package dev.difyweave.backfill.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.difyweave.backfill.source.DatasetRow;
import dev.difyweave.backfill.source.RetrieverResourceRow;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.LivePayload;
import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import dev.difyweave.backfill.call.WeaveCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * C10: Dify does not persist retrievals as such. A {@code dataset_retrieval} call is emitted for a
 * chat, completion or agent-chat message that has retriever resources
 * ({@code message_metadata.retriever_resources}, or legacy {@code dataset_retriever_resources} rows),
 * with {@code documents} built from them, at the message's {@code created_at}, marked approximated.
 */
final class DatasetRetrievalMapper {

    /** The op name and first tag of a dataset retrieval call. */
    static final String OP = "dataset_retrieval";

    List<WeaveCall> map(MessageContext m) {
        ArrayNode documents = Json.NODES.arrayNode();
        List<UUID> datasetIds = new ArrayList<>();
        JsonNode resources = m.metadata == null ? null : m.metadata.get("retriever_resources");
        if (resources != null && resources.isArray() && !resources.isEmpty()) {
            for (JsonNode resource : resources) {
                documents.add(document(resource));
                uuid(resource.path("dataset_id").asString(null)).ifPresent(datasetIds::add);
            }
        } else {
            for (RetrieverResourceRow row : m.source.legacyRetrieverResources()) {
                documents.add(document(row));
                datasetIds.add(row.datasetId());
            }
        }
        if (documents.isEmpty()) {
            return List.of();
        }
        ObjectNode attributes = m.meta();
        ObjectNode embeddings = attributes.putObject("embedding_models");
        for (UUID datasetId : datasetIds) {
            DatasetRow dataset = m.source.datasets().get(datasetId);
            if (dataset != null && !embeddings.has(datasetId.toString())) {
                embeddings.putObject(datasetId.toString())
                        .put("embedding_model", dataset.embeddingModel())
                        .put("embedding_model_provider", dataset.embeddingModelProvider());
            }
        }
        attributes.put("rerank_model_provider", "");
        attributes.put("rerank_model_name", "");
        attributes.put("message_id", m.id);
        CallAttributes.tags(attributes, OP);
        CallAttributes.times(attributes, m.start, m.start);
        attributes.put("trace_id", m.id);
        CallAttributes.provenance(attributes, m.provenance, List.of("started_at", "ended_at", "output.documents"));

        String query = m.row.query();
        JsonNode input = query != null && !query.isEmpty() ? Json.NODES.stringNode(query)
                : CallAttributes.objectOrEmpty(m.inputs);
        ObjectNode output = Json.NODES.objectNode();
        output.set("documents", documents);
        TokenUsage none = TokenUsage.none();
        return List.of(new WeaveCall(CallIds.datasetRetrieval(m.id), m.id, m.id, OP, null, m.start, m.start,
                attributes, LivePayload.inputs(input, none, List.of()), LivePayload.outputs(output, none, List.of()), null,
                CallSummary.of(null, 0, null), TraceKind.DATASET_RETRIEVAL, m.key));
    }

    /** A retriever resource of message_metadata as a dumped Document (§2.5). */
    private static ObjectNode document(JsonNode resource) {
        ObjectNode metadata = Json.NODES.objectNode();
        for (String key : List.of("dataset_id", "dataset_name", "document_id", "document_name", "segment_id",
                "position", "score", "data_source_type", "retriever_from", "hit_count", "word_count",
                "segment_position")) {
            if (resource.has(key)) {
                metadata.set(key, resource.get(key));
            }
        }
        if (resource.has("index_node_hash")) {
            metadata.set("doc_hash", resource.get("index_node_hash"));
        }
        return wrap(resource.path("content").asString(""), metadata);
    }

    private static ObjectNode document(RetrieverResourceRow row) {
        ObjectNode metadata = Json.NODES.objectNode();
        CallAttributes.putNullable(metadata, "dataset_id", row.datasetId());
        CallAttributes.putNullable(metadata, "dataset_name", row.datasetName());
        CallAttributes.putNullable(metadata, "document_id", row.documentId());
        CallAttributes.putNullable(metadata, "document_name", row.documentName());
        CallAttributes.putNullable(metadata, "segment_id", row.segmentId());
        metadata.put("position", row.position());
        if (row.score() != null) {
            metadata.put("score", row.score());
        }
        CallAttributes.putNullable(metadata, "data_source_type", row.dataSourceType());
        CallAttributes.putNullable(metadata, "retriever_from", row.retrieverFrom());
        CallAttributes.putNullable(metadata, "doc_hash", row.indexNodeHash());
        return wrap(row.content() == null ? "" : row.content(), metadata);
    }

    private static ObjectNode wrap(String content, ObjectNode metadata) {
        ObjectNode document = Json.NODES.objectNode();
        document.put("page_content", content);
        document.putNull("vector");
        document.set("metadata", metadata);
        document.put("provider", "dify");
        document.putNull("children");
        document.putNull("attachments");
        return document;
    }

    private static java.util.Optional<UUID> uuid(String value) {
        try {
            return value == null ? java.util.Optional.empty() : java.util.Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
