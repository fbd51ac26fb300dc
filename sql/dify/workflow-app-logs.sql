-- The first app log of each run of a page (workflow_app_log_workflow_run_id_idx).
SELECT DISTINCT ON (l.workflow_run_id) l.workflow_run_id, l.id
FROM workflow_app_logs l
WHERE l.workflow_run_id = ANY(:run_ids)
ORDER BY l.workflow_run_id, l.created_at, l.id
