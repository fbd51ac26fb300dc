-- Where a window of named conversations is cut into :partitions time ranges of about equal row counts
-- (see partition-bounds-workflow-runs.sql). Same rows as conversations-page.sql.
WITH keys AS (
    SELECT c.created_at,
           row_number() OVER (ORDER BY c.created_at, c.id) AS position,
           count(*) OVER () AS total
    FROM conversations c
    LEFT JOIN apps a ON a.id = c.app_id
    WHERE c.created_at >= :from AND c.created_at < :to
      AND c.mode IN ('chat', 'agent-chat', 'advanced-chat')
      AND c.name NOT IN ('', 'New conversation')
      AND (cardinality(:app_ids) = 0 OR c.app_id = ANY(:app_ids))
      AND (cardinality(:tenant_ids) = 0 OR a.tenant_id = ANY(:tenant_ids))
)
SELECT DISTINCT created_at
FROM keys
WHERE position > 1 AND (position - 1) % CEIL(total::numeric / :partitions)::bigint = 0
ORDER BY created_at
