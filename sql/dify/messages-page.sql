-- One keyset page of messages of every chat-like mode, in (created_at, id) order
-- (message_created_at_id_idx). Left for a later window: paused messages, easy-UI answers not saved
-- yet (messages.message is the JSON string "" until then), and chatflow messages whose run has not
-- finished. Messages with status 'error' are read (C15). The app join is LEFT so that messages of a
-- deleted app are still read; their mode then comes from messages.app_mode (Dify 1.10 and later; the
-- column is NULL in rows written before), else from their conversation. With :ready = false the
-- same query lists exactly the messages it would leave (a sync records them as pending); :ids, when
-- not empty, restricts it to those messages (a sync re-checks its pending ones).
SELECT m.id, m.app_id, a.tenant_id, COALESCE(a.mode, {{m.app_mode if messages.app_mode}}, c.mode) AS app_mode, m.conversation_id,
       m.model_provider, m.model_id, m.inputs::text AS inputs, m.query, m.message::text AS message, m.answer,
       m.message_tokens, m.answer_tokens, m.provider_response_latency, m.from_source, m.from_end_user_id,
       m.from_account_id, m.created_at, m.updated_at, m.agent_based, m.workflow_run_id, m.status, m.error,
       m.message_metadata, m.invoke_from
FROM messages m
LEFT JOIN apps a ON a.id = m.app_id
LEFT JOIN conversations c ON c.id = m.conversation_id
WHERE m.created_at >= :from AND m.created_at < :to
  AND (m.created_at, m.id) > (:after_created_at, :after_id)
  AND COALESCE(m.status <> 'paused'
       AND (m.status = 'error'
            OR (COALESCE(a.mode, {{m.app_mode if messages.app_mode}}, c.mode) = 'advanced-chat'
                AND NOT EXISTS (SELECT 1 FROM workflow_runs r
                                WHERE r.id = m.workflow_run_id AND r.status IN ('running', 'paused', 'scheduled')))
            OR (COALESCE(a.mode, {{m.app_mode if messages.app_mode}}, c.mode) IS DISTINCT FROM 'advanced-chat' AND m.message::text <> '""')), false) = :ready
  AND (cardinality(:ids) = 0 OR m.id = ANY(:ids))
  AND (cardinality(:app_ids) = 0 OR m.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0 OR a.tenant_id = ANY(:tenant_ids))
ORDER BY m.created_at, m.id
LIMIT :limit
