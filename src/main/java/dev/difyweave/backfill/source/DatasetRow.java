package dev.difyweave.backfill.source;

import java.util.UUID;

/** A {@code datasets} row's embedding model, for the dataset-retrieval metadata. */
public record DatasetRow(UUID id, String embeddingModel, String embeddingModelProvider) {
}
