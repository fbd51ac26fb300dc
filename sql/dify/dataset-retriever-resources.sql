-- Legacy retrieval hits (written up to Dify 1.2.x) of a page of messages.
SELECT r.message_id, r.position, r.dataset_id, r.dataset_name, r.document_id, r.document_name,
       r.data_source_type, r.segment_id, r.score, r.content, r.hit_count, r.word_count, r.segment_position,
       r.index_node_hash, r.retriever_from
FROM dataset_retriever_resources r
WHERE r.message_id = ANY(:ids)
ORDER BY r.message_id, r.position, r.id
