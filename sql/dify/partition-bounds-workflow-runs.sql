-- Where a window of workflow runs is cut into :partitions time ranges of about equal row counts: the
-- created_at of every ceil(total / :partitions)-th run in (created_at, id) order, counted by the
-- database (no guessing from min/max, so skewed history gets equal partitions). Runs that share a
-- created_at always fall into one partition. Same rows as workflow-runs-page.sql without its readiness
-- switch; reads only the (created_at, id) index columns.
WITH keys AS (
    SELECT r.created_at,
           row_number() OVER (ORDER BY r.created_at, r.id) AS position,
           count(*) OVER () AS total
    FROM workflow_runs r
    WHERE r.type = 'workflow'
      AND r.created_at >= :from AND r.created_at < :to
      AND (cardinality(:app_ids) = 0 OR r.app_id = ANY(:app_ids))
      AND (cardinality(:tenant_ids) = 0 OR r.tenant_id = ANY(:tenant_ids))
)
SELECT DISTINCT created_at
FROM keys
WHERE position > 1 AND (position - 1) % CEIL(total::numeric / :partitions)::bigint = 0
ORDER BY created_at
