-- The first message of each conversation of a page: the name generation's input and time.
SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.id, m.query, m.created_at
FROM messages m
WHERE m.conversation_id = ANY(:ids)
ORDER BY m.conversation_id, m.created_at, m.id
