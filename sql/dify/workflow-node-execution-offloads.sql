-- Offloaded payloads (Dify >= 1.9) of a page's node executions in one query
-- (workflow_node_execution_offload_node_execution_id_key): the full JSON of a truncated
-- inputs / process_data / outputs column is an object in Dify's storage under upload_files.key.
-- LEFT JOIN: an offload whose upload_files row is gone still says the column is truncated.
SELECT o.node_execution_id, o.type, o.file_id, f.key
FROM workflow_node_execution_offload o
LEFT JOIN upload_files f ON f.id = o.file_id
WHERE o.node_execution_id = ANY(:ids)
ORDER BY o.node_execution_id, o.type
