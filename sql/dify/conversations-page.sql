-- One keyset page of conversations whose name was generated (C12): chat-like modes, a name that is
-- neither empty nor Dify's placeholder. Conversations have no (created_at, id) index in Dify; the
-- keyset still bounds each page.
SELECT c.id, c.app_id, a.tenant_id, c.mode, c.name, c.created_at
FROM conversations c
LEFT JOIN apps a ON a.id = c.app_id
WHERE c.created_at >= :from AND c.created_at < :to
  AND (c.created_at, c.id) > (:after_created_at, :after_id)
  AND c.mode IN ('chat', 'agent-chat', 'advanced-chat')
  AND c.name NOT IN ('', 'New conversation')
  AND (cardinality(:app_ids) = 0 OR c.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0 OR a.tenant_id = ANY(:tenant_ids))
ORDER BY c.created_at, c.id
LIMIT :limit
