-- One keyset page of messages of every chat-like mode, in (created_at, id) order
-- (message_created_at_id_idx). Left for a later window: paused messages, easy-UI answers not saved
-- yet (messages.message is the JSON string "" until then), and chatflow messages whose run has not
-- finished; unless created before :stale_before (--stale-after): those are read and sent as they are
-- (C15). Messages with status 'error' are read (C15). The app join is LEFT so that messages of a
-- deleted app are still read; their mode then comes from messages.app_mode (Dify 1.10 and later; the
-- column is NULL in rows written before), else from their conversation. With :ready = false the
-- same query lists exactly the messages it would leave (a sync records them as pending); :ids, when
-- not empty, restricts it to those messages (a sync re-checks its pending ones).
-- The app and conversation are looked up per message (LATERAL) rather than joined: the plan is then an
-- index scan in (created_at, id) order that stops after :limit rows, whatever the planner believes
-- about row counts (a hash join would make it read and sort the rest of the window on every page, e.g.
-- in a database without statistics).
SELECT m.id, m.app_id, k.tenant_id, k.app_mode, m.conversation_id,
       m.model_provider, m.model_id, m.inputs::text AS inputs, m.query, m.message::text AS message, m.answer,
       m.message_tokens, m.answer_tokens, m.provider_response_latency, m.from_source, m.from_end_user_id,
       m.from_account_id, m.created_at, m.updated_at, m.agent_based, m.workflow_run_id, m.status, m.error,
       m.message_metadata, m.invoke_from
FROM messages m
CROSS JOIN LATERAL (
    SELECT a.tenant_id,
           COALESCE(a.mode, {{m.app_mode if messages.app_mode}},
                    (SELECT c.mode FROM conversations c WHERE c.id = m.conversation_id)) AS app_mode
    FROM (SELECT 1) one
    LEFT JOIN apps a ON a.id = m.app_id
) k
WHERE m.created_at >= :from AND m.created_at < :to
  AND (m.created_at, m.id) > (:after_created_at, :after_id)
  AND (m.created_at < :stale_before OR COALESCE(m.status <> 'paused'
       AND (m.status = 'error'
            OR (k.app_mode = 'advanced-chat'
                AND NOT EXISTS (SELECT 1 FROM workflow_runs r
                                WHERE r.id = m.workflow_run_id AND r.status IN ('running', 'paused', 'scheduled')))
            OR (k.app_mode IS DISTINCT FROM 'advanced-chat' AND m.message::text <> '""')), false)) = :ready
  AND (cardinality(:ids) = 0 OR m.id = ANY(:ids))
  AND (cardinality(:app_ids) = 0 OR m.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0 OR k.tenant_id = ANY(:tenant_ids))
ORDER BY m.created_at, m.id
LIMIT :limit
