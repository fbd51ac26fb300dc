-- Golden set: a small, hand-written Dify database (load after sql/fixtures/dify-schema.sql).
-- Every value is chosen by hand; timestamps are naive UTC as Dify stores them: whole seconds where Dify
-- uses the CURRENT_TIMESTAMP(0) default (messages.created_at, conversations, feedback, annotations),
-- microseconds where Dify's Python code writes them (runs, nodes, messages.updated_at, agent thoughts).
-- README.md beside this file explains every row and the expected calls in expected/*.json.

-- Workspace, console accounts, end users -----------------------------------------------------------
INSERT INTO tenants (id, name, created_at, updated_at) VALUES
  ('7e000000-0000-4000-8000-000000000001', 'Golden Workspace', '2025-01-01 00:00:00', '2025-01-01 00:00:00');

-- Ann has no name: Dify shows her email.
INSERT INTO accounts (id, name, email, created_at, updated_at, last_active_at) VALUES
  ('ac000000-0000-4000-8000-000000000001', 'Ada Admin', 'ada@example.com', '2025-01-01 00:00:00', '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
  ('ac000000-0000-4000-8000-000000000002', '', 'ann@example.com', '2025-01-01 00:00:00', '2025-01-01 00:00:00', '2025-01-01 00:00:00');

INSERT INTO tenant_account_joins (id, tenant_id, account_id, role, current) VALUES
  ('7a100000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000001', 'owner', true),
  ('7a100000-0000-4000-8000-000000000002', '7e000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000002', 'editor', true);

-- The second end user has an empty session id: Dify then shows the end user's id.
INSERT INTO end_users (id, tenant_id, app_id, type, is_anonymous, session_id, created_at, updated_at) VALUES
  ('e0000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'browser', true, 'sess-alice', '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
  ('e0000000-0000-4000-8000-000000000002', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000004', 'service-api', true, '', '2025-01-01 00:00:00', '2025-01-01 00:00:00');

-- Apps of every mode ---------------------------------------------------------------------------------
INSERT INTO apps (id, tenant_id, name, mode, app_model_config_id, workflow_id, enable_site, enable_api, created_by, created_at, updated_at) VALUES
  ('a1000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'Golden Workflow', 'workflow', NULL, 'c1000000-0000-4000-8000-000000000001', true, true, 'ac000000-0000-4000-8000-000000000001', '2025-01-02 00:00:00', '2025-01-02 00:00:00'),
  ('a1000000-0000-4000-8000-000000000002', '7e000000-0000-4000-8000-000000000001', 'Golden Chat', 'chat', 'cf000000-0000-4000-8000-000000000002', NULL, true, true, 'ac000000-0000-4000-8000-000000000001', '2025-01-02 00:00:00', '2025-01-02 00:00:00'),
  ('a1000000-0000-4000-8000-000000000003', '7e000000-0000-4000-8000-000000000001', 'Golden Completion', 'completion', 'cf000000-0000-4000-8000-000000000003', NULL, true, true, 'ac000000-0000-4000-8000-000000000001', '2025-01-02 00:00:00', '2025-01-02 00:00:00'),
  ('a1000000-0000-4000-8000-000000000004', '7e000000-0000-4000-8000-000000000001', 'Golden Agent', 'agent-chat', 'cf000000-0000-4000-8000-000000000004', NULL, true, true, 'ac000000-0000-4000-8000-000000000001', '2025-01-02 00:00:00', '2025-01-02 00:00:00'),
  ('a1000000-0000-4000-8000-000000000005', '7e000000-0000-4000-8000-000000000001', 'Golden Chatflow', 'advanced-chat', NULL, 'c1000000-0000-4000-8000-000000000005', true, true, 'ac000000-0000-4000-8000-000000000001', '2025-01-02 00:00:00', '2025-01-02 00:00:00');

-- Easy-UI configs: the chat app has keyword input moderation; the completion app has it switched off;
-- the agent app has no moderation setting at all.
INSERT INTO app_model_configs (id, app_id, provider, model_id, sensitive_word_avoidance, retriever_resource, suggested_questions_after_answer, created_at, updated_at) VALUES
  ('cf000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000002', 'langgenius/openai/openai', 'gpt-4o',
   '{"enabled": true, "type": "keywords", "config": {"keywords": "forbidden\nsecret", "inputs_config": {"enabled": true, "preset_response": "Sorry, I cannot talk about that."}, "outputs_config": {"enabled": false, "preset_response": ""}}}',
   '{"enabled": true}', '{"enabled": false}', '2025-01-02 00:00:00', '2025-01-02 00:00:00'),
  ('cf000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000003', 'langgenius/openai/openai', 'gpt-4o-mini',
   '{"enabled": false, "type": "", "config": {}}', NULL, NULL, '2025-01-02 00:00:00', '2025-01-02 00:00:00'),
  ('cf000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000004', 'langgenius/openai/openai', 'gpt-4o',
   NULL, NULL, NULL, '2025-01-02 00:00:00', '2025-01-02 00:00:00');

-- Workflows: the chatflow's features switch on OpenAI input moderation (flagged cannot be recomputed).
INSERT INTO workflows (id, tenant_id, app_id, type, version, graph, features, created_by, created_at, updated_at) VALUES
  ('c1000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'workflow', '2025-03-01 09:00:00.123456', '{}', '{}', 'ac000000-0000-4000-8000-000000000001', '2025-03-01 09:00:00', '2025-03-01 09:00:00'),
  ('c1000000-0000-4000-8000-000000000005', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', 'chat', '2025-03-02 10:00:00.000001', '{}',
   '{"sensitive_word_avoidance": {"enabled": true, "type": "openai_moderation", "config": {"inputs_config": {"enabled": true, "preset_response": "Blocked by moderation."}, "outputs_config": {"enabled": false, "preset_response": ""}}}, "suggested_questions_after_answer": {"enabled": false}}',
   'ac000000-0000-4000-8000-000000000001', '2025-03-02 10:00:00', '2025-03-02 10:00:00');

INSERT INTO datasets (id, tenant_id, name, created_by, created_at, updated_at, embedding_model, embedding_model_provider) VALUES
  ('0d000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'Cat facts', 'ac000000-0000-4000-8000-000000000001', '2025-01-03 00:00:00', '2025-01-03 00:00:00', 'text-embedding-3-small', 'openai');

-- Trace W1: a workflow run (partial success) with an LLM node, an iteration and its two children,
-- and an http-request node that ended in 'exception'. Its inputs and outputs hold ref-like strings (C14);
-- one child's output holds a lone surrogate (as a JSON escape in the text column).
INSERT INTO workflow_runs (id, tenant_id, app_id, workflow_id, type, triggered_from, version, graph, inputs, status, outputs, error, elapsed_time, total_tokens, total_steps, created_by_role, created_by, created_at, finished_at, exceptions_count) VALUES
  ('f1000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001',
   'workflow', 'app-run', '2025-03-01 09:00:00.123456', '{"nodes": []}',
   '{"topic": "tides", "ref": "weave:///someone/else/object/doc:abc", "note": "see weave:///x for more", "sys.files": [], "sys.user_id": "ac000000-0000-4000-8000-000000000001", "sys.app_id": "a1000000-0000-4000-8000-000000000001", "sys.workflow_id": "c1000000-0000-4000-8000-000000000001", "sys.workflow_run_id": "f1000000-0000-4000-8000-000000000001"}',
   'partial-succeeded',
   '{"summary": "Tides are caused by the moon.", "debug": "{\"ref\": \"weave:///a/b/call/c\"}"}',
   NULL, 4.5, 150, 6, 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:00.100000', '2025-03-10 08:00:04.600000', 1);

INSERT INTO workflow_app_logs (id, tenant_id, app_id, workflow_id, workflow_run_id, created_from, created_by_role, created_by, created_at) VALUES
  ('0a100000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001', 'web-app', 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:05');

INSERT INTO workflow_node_executions (id, tenant_id, app_id, workflow_id, triggered_from, workflow_run_id, index, predecessor_node_id, node_id, node_type, title, inputs, process_data, outputs, status, error, elapsed_time, execution_metadata, created_at, created_by_role, created_by, finished_at, node_execution_id) VALUES
  ('9a000000-0000-4000-8000-000000000011', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000001',
   1, NULL, 'start', 'start', 'Start', '{"topic": "tides"}', NULL, '{"topic": "tides"}', 'succeeded', NULL, 0.25, NULL,
   '2025-03-10 08:00:00.200000', 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:00.450000', 'exec-start'),
  ('9a000000-0000-4000-8000-000000000012', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000001',
   2, 'start', 'llm', 'llm', 'Explain', '{"topic": "tides"}',
   '{"model_mode": "chat", "prompts": [{"role": "system", "text": "You are a tide expert.", "files": []}, {"role": "user", "text": "Explain tides", "files": []}], "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150, "total_price": "0.0001", "currency": "USD", "latency": 1.2}, "finish_reason": "stop", "model_provider": "langgenius/openai/openai", "model_name": "gpt-4o-mini"}',
   '{"text": "Tides are caused by the moon.", "reasoning_content": "", "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150, "total_price": "0.0001", "currency": "USD", "latency": 1.2}, "finish_reason": "stop"}',
   'succeeded', NULL, 1.5, '{"total_tokens": 150, "total_price": "0.0001", "currency": "USD"}',
   '2025-03-10 08:00:00.500000', 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:02.000000', 'exec-llm'),
  ('9a000000-0000-4000-8000-000000000013', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000001',
   3, 'llm', 'iter', 'iteration', 'Each fact', '{"iterator_selector": ["fact one", "fact two"]}', NULL, '{"output": ["ONE", "TWO"]}',
   'succeeded', NULL, 1.25, '{"iteration_duration_map": {"0": 0.5, "1": 0.5}, "total_tokens": 0}',
   '2025-03-10 08:00:02.100000', 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:03.350000', 'exec-iter'),
  ('9a000000-0000-4000-8000-000000000014', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000001',
   4, 'iter-start', 'upper', 'code', 'Upper', '{"x": "fact one"}', NULL, '{"result": "ONE"}',
   'succeeded', NULL, 0.5, '{"iteration_id": "iter", "iteration_index": 0}',
   '2025-03-10 08:00:02.200000', 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:02.700000', 'exec-upper-0'),
  ('9a000000-0000-4000-8000-000000000015', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000001',
   5, 'iter-start', 'upper', 'code', 'Upper', '{"x": "fact two"}', NULL, '{"result": "TWO \ud83d"}',
   'succeeded', NULL, 0.5, '{"iteration_id": "iter", "iteration_index": 1}',
   '2025-03-10 08:00:02.750000', 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:03.250000', 'exec-upper-1'),
  ('9a000000-0000-4000-8000-000000000016', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000001',
   6, 'iter', 'notify', 'http-request', 'Notify', '{"url": "https://hooks.example.com/tides"}', NULL, '{"status_code": 503}',
   'exception', 'HTTP 503 from hooks.example.com', 0.75, '{"error_strategy": "fail-branch"}',
   '2025-03-10 08:00:03.400000', 'account', 'ac000000-0000-4000-8000-000000000001', '2025-03-10 08:00:04.150000', 'exec-notify');

-- Trace W2: a failed run of an end user whose finished_at was never written; a failed node, and a node
-- of a type and with a metadata key this Dify version does not know, whose inputs are malformed JSON.
INSERT INTO workflow_runs (id, tenant_id, app_id, workflow_id, type, triggered_from, version, graph, inputs, status, outputs, error, elapsed_time, total_tokens, total_steps, created_by_role, created_by, created_at, finished_at, exceptions_count) VALUES
  ('f1000000-0000-4000-8000-000000000002', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001',
   'workflow', 'app-run', '2025-03-01 09:00:00.123456', '{"nodes": []}', '{"topic": "volcanoes"}', 'failed', NULL,
   'Node Compute failed: division by zero', 2.25, 0, 2, 'end_user', 'e0000000-0000-4000-8000-000000000001',
   '2025-03-10 09:30:00.654321', NULL, 0);

INSERT INTO workflow_node_executions (id, tenant_id, app_id, workflow_id, triggered_from, workflow_run_id, index, predecessor_node_id, node_id, node_type, title, inputs, process_data, outputs, status, error, elapsed_time, execution_metadata, created_at, created_by_role, created_by, finished_at, node_execution_id) VALUES
  ('9a000000-0000-4000-8000-000000000021', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000002',
   1, NULL, 'compute', 'code', 'Compute', '{"a": 1, "b": 0}', NULL, NULL, 'failed', 'division by zero', 0.125, NULL,
   '2025-03-10 09:30:00.700001', 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 09:30:00.825001', 'exec-compute'),
  ('9a000000-0000-4000-8000-000000000022', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'workflow-run', 'f1000000-0000-4000-8000-000000000002',
   2, 'compute', 'oracle', 'quantum-oracle', 'Oracle', '{"broken": ', NULL, '{"answer": 42}', 'succeeded', NULL, 0.5, '{"future_key": "x"}',
   '2025-03-10 09:30:00.900000', 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 09:30:01.400000', 'exec-oracle');

-- Not sent: a run still running an hour before the test's "now" (not stale with the default P1D).
INSERT INTO workflow_runs (id, tenant_id, app_id, workflow_id, type, triggered_from, version, graph, inputs, status, outputs, error, elapsed_time, total_tokens, total_steps, created_by_role, created_by, created_at, finished_at, exceptions_count) VALUES
  ('f1000000-0000-4000-8000-000000000003', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001',
   'workflow', 'app-run', '2025-03-01 09:00:00.123456', '{"nodes": []}', '{"topic": "comets"}', 'running', NULL, NULL, 0, 0, 0,
   'account', 'ac000000-0000-4000-8000-000000000001', '2026-11-29 23:00:00.000000', NULL, 0);

-- Conversations -------------------------------------------------------------------------------------
-- Names: chat and agent were generated (sent, C12); the completion conversation is named but
-- completion apps never generate names; the chatflow one still has Dify's placeholder.
INSERT INTO conversations (id, app_id, app_model_config_id, model_provider, model_id, mode, name, inputs, status, from_source, from_end_user_id, from_account_id, created_at, updated_at, invoke_from, dialogue_count) VALUES
  ('6c000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'cf000000-0000-4000-8000-000000000002', 'langgenius/openai/openai', 'gpt-4o', 'chat', 'Cats purring', '{"lang": "en"}', 'normal', 'api', 'e0000000-0000-4000-8000-000000000001', NULL, '2025-03-10 10:00:00', '2025-03-10 10:01:00', 'web-app', 2),
  ('6c000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000003', 'cf000000-0000-4000-8000-000000000003', 'langgenius/openai/openai', 'gpt-4o-mini', 'completion', 'Weather haiku', '{"subject": "rain"}', 'normal', 'console', NULL, 'ac000000-0000-4000-8000-000000000001', '2025-03-10 11:00:00', '2025-03-10 11:00:00', 'debugger', 1),
  ('6c000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000004', 'cf000000-0000-4000-8000-000000000004', 'langgenius/openai/openai', 'gpt-4o', 'agent-chat', 'Kyoto day trip', '{}', 'normal', 'api', 'e0000000-0000-4000-8000-000000000001', NULL, '2025-03-10 12:00:00', '2025-03-10 12:00:00', 'service-api', 1),
  ('6c000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000005', NULL, NULL, NULL, 'advanced-chat', 'New conversation', '{}', 'normal', 'api', 'e0000000-0000-4000-8000-000000000001', NULL, '2025-03-10 13:00:00', '2025-03-10 13:00:00', 'web-app', 1);

-- Messages ------------------------------------------------------------------------------------------
-- M1 chat, end user, a file, retriever resources, moderation not flagged.
-- M2 chat, second turn of the same conversation, blocked by keyword moderation (flagged).
-- M3 completion in the console debugger that ended with an error (C15), end = created_at + latency.
-- M4 completion whose answer is not saved yet (message is the JSON string ""): not sent.
-- M5 agent-chat with three tool uses in two thoughts, one of them failed (C7).
-- M6 advanced-chat (chatflow) with its workflow run (C2), OpenAI moderation (flagged unknown).
INSERT INTO messages (id, app_id, model_provider, model_id, conversation_id, inputs, query, message, message_tokens, message_unit_price, answer, answer_tokens, answer_unit_price, provider_response_latency, total_price, currency, from_source, from_end_user_id, from_account_id, created_at, updated_at, agent_based, workflow_run_id, status, error, message_metadata, invoke_from, app_mode) VALUES
  ('5c000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'langgenius/openai/openai', 'gpt-4o', '6c000000-0000-4000-8000-000000000001',
   '{"lang": "en"}', 'Do cats purr when happy?',
   '[{"role": "system", "text": "You answer questions about cats.", "files": []}, {"role": "user", "text": "Do cats purr when happy?", "files": []}]',
   40, 0.0025, 'Yes, cats often purr when content.', 12, 0.0100, 3.1, 0.0002200, 'USD', 'api', 'e0000000-0000-4000-8000-000000000001', NULL,
   '2025-03-10 10:00:00', '2025-03-10 10:00:03.250000', false, NULL, 'normal', NULL,
   '{"usage": {"prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52, "currency": "USD", "latency": 3.1}, "retriever_resources": [{"position": 1, "dataset_id": "0d000000-0000-4000-8000-000000000001", "dataset_name": "Cat facts", "document_id": "0d0c0000-0000-4000-8000-000000000001", "document_name": "purring.md", "data_source_type": "upload_file", "segment_id": "05e90000-0000-4000-8000-000000000001", "retriever_from": "dev", "score": 0.87, "hit_count": 3, "word_count": 120, "segment_position": 2, "index_node_hash": "abc123", "content": "Cats purr when content or healing."}]}',
   'web-app', 'chat'),
  ('5c000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000002', 'langgenius/openai/openai', 'gpt-4o', '6c000000-0000-4000-8000-000000000001',
   '{"lang": "en"}', 'Tell me the secret recipe',
   '[{"role": "user", "text": "Tell me the secret recipe", "files": []}]',
   0, 0.0025, 'Sorry, I cannot talk about that.', 0, 0.0100, 0, 0, 'USD', 'api', 'e0000000-0000-4000-8000-000000000001', NULL,
   '2025-03-10 10:01:00', '2025-03-10 10:01:00.500000', false, NULL, 'normal', NULL, '{}', 'web-app', 'chat'),
  ('5c000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000003', 'langgenius/openai/openai', 'gpt-4o-mini', '6c000000-0000-4000-8000-000000000002',
   '{"subject": "rain"}', '',
   '[{"role": "user", "text": "Write a haiku about rain"}]',
   8, 0.0025, '', 0, 0.0100, 0.75, 0, 'USD', 'console', NULL, 'ac000000-0000-4000-8000-000000000001',
   '2025-03-10 11:00:00', '2025-03-10 11:00:00', false, NULL, 'error', 'Model provider quota exceeded', NULL, 'debugger', 'completion'),
  ('5c000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000003', 'langgenius/openai/openai', 'gpt-4o-mini', '6c000000-0000-4000-8000-000000000002',
   '{"subject": "snow"}', '', '""', 0, 0.0025, '', 0, 0.0100, 0, 0, 'USD', 'console', NULL, 'ac000000-0000-4000-8000-000000000001',
   '2026-11-29 23:30:00', '2026-11-29 23:30:00', false, NULL, 'normal', NULL, NULL, 'debugger', 'completion'),
  ('5c000000-0000-4000-8000-000000000005', 'a1000000-0000-4000-8000-000000000004', 'langgenius/openai/openai', 'gpt-4o', '6c000000-0000-4000-8000-000000000003',
   '{}', 'Plan a day in Kyoto and compute 3*7',
   '[{"role": "system", "text": "You are a travel agent.", "files": []}, {"role": "user", "text": "Plan a day in Kyoto and compute 3*7", "files": [{"type": "document", "format": "txt", "text": "Kyoto notes"}]}, {"role": "assistant", "text": "", "files": [], "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "web_search", "arguments": "{\"q\": \"Kyoto one day\"}"}}]}]',
   300, 0.0025, 'Morning at Fushimi Inari, afternoon in Gion. 3*7 = 21.', 80, 0.0100, 8.9, 0.0015500, 'USD', 'api', 'e0000000-0000-4000-8000-000000000001', NULL,
   '2025-03-10 12:00:00', '2025-03-10 12:00:09.125000', true, NULL, 'normal', NULL,
   '{"usage": {"prompt_tokens": 300, "completion_tokens": 80, "total_tokens": 380, "currency": "USD", "latency": 8.9}}',
   'service-api', 'agent-chat'),
  ('5c000000-0000-4000-8000-000000000006', 'a1000000-0000-4000-8000-000000000005', 'langgenius/anthropic/anthropic', 'claude-3-haiku', '6c000000-0000-4000-8000-000000000004',
   '{}', 'What is the capital of France?', '""',
   20, 0.0025, 'Paris.', 10, 0.0100, 1.2, 0.0000200, 'USD', 'api', 'e0000000-0000-4000-8000-000000000001', NULL,
   '2025-03-10 13:00:00', '2025-03-10 13:00:02.200000', false, 'f1000000-0000-4000-8000-000000000004', 'normal', NULL, NULL, 'web-app', 'advanced-chat');

INSERT INTO message_files (id, message_id, type, transfer_method, url, upload_file_id, created_by_role, created_by, created_at, belongs_to) VALUES
  ('3f000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-000000000001', 'image', 'remote_url', 'https://cdn.example.com/cat.png', NULL, 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 10:00:00', 'user');

-- Agent thoughts of M5: thought 1 used two tools, thought 2 retried web_search and failed, thought 3 is
-- the final answer (no tool).
INSERT INTO message_agent_thoughts (id, message_id, position, thought, tool, tool_input, observation, message_token, answer_token, tokens, created_by_role, created_by, created_at, tool_labels_str, tool_meta_str) VALUES
  ('7a000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-000000000005', 1, 'I will search and compute.', 'web_search;calculator',
   '{"web_search": {"q": "Kyoto one day"}, "calculator": {"expression": "3*7"}}',
   '{"web_search": "Fushimi Inari opens at dawn.", "calculator": "21"}', 100, 20, 120, 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 12:00:01.000001',
   '{}',
   '{"web_search": {"time_cost": 1.5, "error": null, "tool_config": {"tool_name": "web_search", "tool_provider": "tavily", "tool_provider_type": "builtin", "tool_parameters": {}, "tool_icon": ""}}, "calculator": {"time_cost": 0.25, "error": null, "tool_config": {"tool_name": "calculator", "tool_provider": "math", "tool_provider_type": "builtin", "tool_parameters": {}, "tool_icon": ""}}}'),
  ('7a000000-0000-4000-8000-000000000002', '5c000000-0000-4000-8000-000000000005', 2, 'Search the evening.', 'web_search',
   '{"web_search": {"q": "Gion evening"}}',
   '{"web_search": "tool invoke error: Tavily rate limit exceeded"}', 100, 20, 120, 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 12:00:04.500000',
   '{}',
   '{"web_search": {"time_cost": 0.5, "error": "Tavily rate limit exceeded", "tool_config": {"tool_name": "web_search", "tool_provider": "tavily", "tool_provider_type": "builtin", "tool_parameters": {}, "tool_icon": ""}}}'),
  ('7a000000-0000-4000-8000-000000000003', '5c000000-0000-4000-8000-000000000005', 3, 'Morning at Fushimi Inari, afternoon in Gion. 3*7 = 21.', '',
   '', '', 100, 40, 140, 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 12:00:08.000000', '{}', '{}');

-- Trace M6's workflow run (chatflow, type 'chat'): an LLM node in completion mode and an answer node
-- whose inputs are an empty object.
INSERT INTO workflow_runs (id, tenant_id, app_id, workflow_id, type, triggered_from, version, graph, inputs, status, outputs, error, elapsed_time, total_tokens, total_steps, created_by_role, created_by, created_at, finished_at, exceptions_count) VALUES
  ('f1000000-0000-4000-8000-000000000004', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', 'c1000000-0000-4000-8000-000000000005',
   'chat', 'app-run', '2025-03-02 10:00:00.000001', '{"nodes": []}',
   '{"sys.query": "What is the capital of France?", "sys.files": [], "sys.user_id": "sess-alice", "sys.dialogue_count": 1}',
   'succeeded', '{"answer": "Paris."}', NULL, 1.875, 30, 2, 'end_user', 'e0000000-0000-4000-8000-000000000001',
   '2025-03-10 13:00:00.250000', '2025-03-10 13:00:02.125000', 0);

INSERT INTO workflow_node_executions (id, tenant_id, app_id, workflow_id, triggered_from, workflow_run_id, index, predecessor_node_id, node_id, node_type, title, inputs, process_data, outputs, status, error, elapsed_time, execution_metadata, created_at, created_by_role, created_by, finished_at, node_execution_id) VALUES
  ('9a000000-0000-4000-8000-000000000031', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', 'c1000000-0000-4000-8000-000000000005', 'workflow-run', 'f1000000-0000-4000-8000-000000000004',
   1, NULL, 'llm', 'llm', 'Answer LLM', '{"#sys.query#": "What is the capital of France?"}',
   '{"model_mode": "completion", "prompts": [{"role": "user", "text": "What is the capital of France?"}], "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30}, "finish_reason": "end_turn", "model_provider": "langgenius/anthropic/anthropic", "model_name": "claude-3-haiku"}',
   '{"text": "Paris.", "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30}, "finish_reason": "end_turn"}',
   'succeeded', NULL, 1.25, '{"total_tokens": 30, "total_price": "0.00002", "currency": "USD"}',
   '2025-03-10 13:00:00.400000', 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 13:00:01.650000', 'exec-flow-llm'),
  ('9a000000-0000-4000-8000-000000000032', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', 'c1000000-0000-4000-8000-000000000005', 'workflow-run', 'f1000000-0000-4000-8000-000000000004',
   2, 'llm', 'answer', 'answer', 'Reply', '{}', NULL, '{"answer": "Paris."}', 'succeeded', NULL, 0.0625, NULL,
   '2025-03-10 13:00:01.700000', 'end_user', 'e0000000-0000-4000-8000-000000000001', '2025-03-10 13:00:01.762500', 'exec-flow-answer');

-- Feedback ------------------------------------------------------------------------------------------
-- A like from an end user; a dislike with a comment from an end user without session id; an admin's like
-- with an empty comment (no note).
INSERT INTO message_feedbacks (id, app_id, conversation_id, message_id, rating, content, from_source, from_end_user_id, from_account_id, created_at, updated_at) VALUES
  ('fb000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', '6c000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-000000000001', 'like', NULL, 'user', 'e0000000-0000-4000-8000-000000000001', NULL, '2025-03-10 10:05:00', '2025-03-10 10:05:00'),
  ('fb000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000004', '6c000000-0000-4000-8000-000000000003', '5c000000-0000-4000-8000-000000000005', 'dislike', 'Skipped the tea ceremony.', 'user', 'e0000000-0000-4000-8000-000000000002', NULL, '2025-03-10 12:10:00', '2025-03-10 12:11:00'),
  ('fb000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000003', '6c000000-0000-4000-8000-000000000002', '5c000000-0000-4000-8000-000000000003', 'like', '', 'admin', NULL, 'ac000000-0000-4000-8000-000000000001', '2025-03-10 11:05:00', '2025-03-10 11:05:00');

-- An annotation on the chatflow message by Ann (no name: her email), and one linked to no message (not sent).
INSERT INTO message_annotations (id, app_id, conversation_id, message_id, content, account_id, created_at, updated_at, question, hit_count) VALUES
  ('a9000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', '6c000000-0000-4000-8000-000000000004', '5c000000-0000-4000-8000-000000000006', 'Paris is the capital of France.', 'ac000000-0000-4000-8000-000000000002', '2025-03-11 08:00:00', '2025-03-11 09:00:00', 'What is the capital of France?', 0),
  ('a9000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000002', NULL, NULL, 'Cats sleep 16 hours a day.', 'ac000000-0000-4000-8000-000000000001', '2025-03-11 08:30:00', '2025-03-11 08:30:00', 'How long do cats sleep?', 0);
