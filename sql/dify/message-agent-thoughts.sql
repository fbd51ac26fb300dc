-- Agent thoughts of a page of messages (message_agent_thought_message_id_idx), the tool calls' source.
SELECT t.id, t.message_id, t.position, t.tool, t.tool_input, t.observation, t.tool_meta_str, t.created_at
FROM message_agent_thoughts t
WHERE t.message_id = ANY(:ids)
ORDER BY t.message_id, t.position, t.created_at, t.id
