-- One keyset page of finished workflow runs of workflow-mode apps (type 'workflow'; chatflow runs
-- have type 'chat' and travel inside their message's trace), in (created_at, id) order. No join on
-- apps, so runs of a deleted app are still read.
-- Runs still 'running' or 'paused' (and the unused 'scheduled') are left for a later window, unless
-- they were created before :stale_before (--stale-after): those are read and sent as they are (C15);
-- any other status, known or not, is read so that nothing is dropped silently. With :ready = false
-- the same query lists exactly the runs it would leave (a sync records them as pending); :ids, when
-- not empty, restricts it to those runs (a sync re-checks its pending ones).
-- Uses workflow_run_created_at_id_idx (created_at, id). Never selects graph.
SELECT r.id, r.tenant_id, r.app_id, r.workflow_id, r.type, r.triggered_from, r.version,
       r.inputs, r.outputs, r.status, r.error, r.elapsed_time, r.total_tokens,
       r.created_by_role, r.created_by, r.created_at, r.finished_at
FROM workflow_runs r
WHERE r.type = 'workflow'
  AND r.created_at >= :from AND r.created_at < :to
  AND (r.created_at, r.id) > (:after_created_at, :after_id)
  AND (r.status NOT IN ('running', 'paused', 'scheduled') OR r.created_at < :stale_before) = :ready
  AND (cardinality(:ids) = 0 OR r.id = ANY(:ids))
  AND (cardinality(:app_ids) = 0 OR r.app_id = ANY(:app_ids))
  AND (cardinality(:tenant_ids) = 0 OR r.tenant_id = ANY(:tenant_ids))
ORDER BY r.created_at, r.id
LIMIT :limit
