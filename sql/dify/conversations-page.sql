-- One keyset page of conversations whose name was generated (C12): chat-like modes, a name that is
-- neither empty nor Dify's placeholder. Conversations have no (created_at, id) index in Dify; the
-- keyset still bounds each page. The app is looked up per row, not joined, so no join can make the
-- planner sort more than the page (see messages-page.sql).
SELECT c.id, c.app_id, (SELECT a.tenant_id FROM apps a WHERE a.id = c.app_id) AS tenant_id, c.mode, c.name,
       c.created_at
FROM conversations c
WHERE c.created_at >= :from AND c.created_at < :to
  AND (c.created_at, c.id) > (:after_created_at, :after_id)
  AND c.mode IN ('chat', 'agent-chat', 'advanced-chat')
  AND c.name NOT IN ('', 'New conversation')
  AND (cardinality(:app_ids) = 0 OR c.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0
       OR (SELECT a.tenant_id FROM apps a WHERE a.id = c.app_id) = ANY(:tenant_ids))
ORDER BY c.created_at, c.id
LIMIT :limit
