-- Agent thoughts of a page of messages (message_agent_thought_message_id_idx), the tool calls' source.
-- tool_meta_str (tool timing, error, config) is NULL in databases that do not have the column.
SELECT t.id, t.message_id, t.position, t.tool, t.tool_input, t.observation,
       {{t.tool_meta_str if message_agent_thoughts.tool_meta_str}} AS tool_meta_str, t.created_at
FROM message_agent_thoughts t
WHERE t.message_id = ANY(:ids)
ORDER BY t.message_id, t.position, t.created_at, t.id
