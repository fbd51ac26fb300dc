-- Node executions of a whole page of runs in one query (workflow_node_execution_workflow_run_id_idx).
-- Console single-step rows and paused nodes are not part of a run's trace (as live Dify). The run ids
-- are looked up alone first, in a subquery that OFFSET 0 keeps apart: with triggered_from next to them,
-- a planner without statistics picked the (tenant_id, app_id, workflow_id, triggered_from, ...) index
-- and read all of it. Not a MATERIALIZED CTE: copying a page's rows with their payloads into it was
-- 40 % of the query's time on the server.
-- No ORDER BY: the mapper orders each run's nodes by (created_at, index) (WorkflowTraceMapper); sorting
-- a page's ~800 rows with their payloads took about a third of the query's time (EXPLAIN ANALYZE).
SELECT n.id, n.workflow_run_id, n.tenant_id, n.app_id, n.index, n.node_id, n.node_type, n.title,
       n.inputs, n.process_data, n.outputs, n.status, n.error, n.elapsed_time, n.execution_metadata,
       n.created_at, n.finished_at
FROM (
    SELECT n.id, n.workflow_run_id, n.tenant_id, n.app_id, n.index, n.node_id, n.node_type, n.title,
           n.inputs, n.process_data, n.outputs, n.status, n.error, n.elapsed_time, n.execution_metadata,
           n.created_at, n.finished_at, n.triggered_from
    FROM workflow_node_executions n
    WHERE n.workflow_run_id = ANY(:run_ids)
    OFFSET 0
) n
WHERE n.triggered_from = 'workflow-run'
  AND n.status <> 'paused'
