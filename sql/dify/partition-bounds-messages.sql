-- Where a window of messages is cut into :partitions time ranges of about equal row counts (see
-- partition-bounds-workflow-runs.sql). Same rows as messages-page.sql without its readiness switch.
WITH keys AS (
    SELECT m.created_at,
           row_number() OVER (ORDER BY m.created_at, m.id) AS position,
           count(*) OVER () AS total
    FROM messages m
    LEFT JOIN apps a ON a.id = m.app_id
    WHERE m.created_at >= :from AND m.created_at < :to
      AND (cardinality(:app_ids) = 0 OR m.app_id = ANY(:app_ids))
      AND (cardinality(:tenant_ids) = 0 OR a.tenant_id = ANY(:tenant_ids))
)
SELECT DISTINCT created_at
FROM keys
WHERE position > 1 AND (position - 1) % CEIL(total::numeric / :partitions)::bigint = 0
ORDER BY created_at
