package dev.difyweave.backfill.source;

import java.util.UUID;

/** A legacy {@code dataset_retriever_resources} row (Dify up to 1.2.x). */
public record RetrieverResourceRow(
        UUID messageId,
        int position,
        UUID datasetId,
        String datasetName,
        UUID documentId,
        String documentName,
        String dataSourceType,
        UUID segmentId,
        Double score,
        String content,
        Integer hitCount,
        Integer wordCount,
        Integer segmentPosition,
        String indexNodeHash,
        String retrieverFrom) {
}
