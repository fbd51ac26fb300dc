-- Whether the Dify database has workflow_node_execution_offload (added by Dify 1.9's migrations).
SELECT to_regclass('workflow_node_execution_offload') IS NOT NULL AS present
