-- The runs of a page of chatflow messages (messages.workflow_run_id), same columns as a workflow page.
SELECT r.id, r.tenant_id, r.app_id, r.workflow_id, r.type, r.triggered_from, r.version,
       r.inputs, r.outputs, r.status, r.error, r.elapsed_time, r.total_tokens,
       r.created_by_role, r.created_by, r.created_at, r.finished_at
FROM workflow_runs r
WHERE r.id = ANY(:ids)
