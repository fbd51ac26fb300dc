-- The datasets (knowledge bases) of the page's workspaces, for the embedding models named in
-- dataset_retrieval metadata. Workspaces have few datasets; this avoids parsing message JSON in SQL.
SELECT d.id, d.embedding_model, d.embedding_model_provider
FROM datasets d
WHERE d.tenant_id = ANY(:ids)
