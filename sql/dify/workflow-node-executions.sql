-- Node executions of a whole page of runs in one query (workflow_node_execution_workflow_run_id_idx).
-- Console single-step rows and paused nodes are not part of a run's trace (as live Dify).
SELECT n.id, n.workflow_run_id, n.tenant_id, n.app_id, n.index, n.node_id, n.node_type, n.title,
       n.inputs, n.process_data, n.outputs, n.status, n.error, n.elapsed_time, n.execution_metadata,
       n.created_at, n.finished_at
FROM workflow_node_executions n
WHERE n.workflow_run_id = ANY(:run_ids)
  AND n.triggered_from = 'workflow-run'
  AND n.status <> 'paused'
ORDER BY n.workflow_run_id, n.created_at, n.index
