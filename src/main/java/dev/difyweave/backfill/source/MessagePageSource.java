package dev.difyweave.backfill.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.JsonText;
import dev.difyweave.backfill.storage.PayloadStore;

/**
 * Pages of messages (every chat-like mode) with their children: one query for the messages, then one
 * per child table for the whole page: conversations, app configs, agent thoughts, files, legacy
 * retrieval hits, datasets, end users, and for chatflow messages their runs, nodes, workflow
 * features and accounts. A page costs a fixed number of queries, whatever its size.
 */
public final class MessagePageSource implements PageSource<MessageTraceSource>, RootLoader<MessageTraceSource> {

    private static final DifySql CONVERSATIONS = DifySql.load("conversations");
    private static final DifySql APP_CONFIGS = DifySql.load("app-model-configs");
    private static final DifySql FILES = DifySql.load("message-files");
    private static final DifySql LEGACY_RESOURCES = DifySql.load("dataset-retriever-resources");
    private static final DifySql DATASETS = DifySql.load("datasets-of-tenants");
    private static final DifySql END_USERS = DifySql.load("end-users");
    private static final DifySql RUNS = DifySql.load("workflow-runs-by-id");
    private static final DifySql NODES = DifySql.load("workflow-node-executions");
    private static final DifySql FEATURES = DifySql.load("workflow-features");
    private static final DifySql ACCOUNTS = DifySql.load("accounts");

    private final JdbcTemplate dify;
    private final SourceWindow window;
    private final DifySql messagesSql;
    private final DifySql thoughtsSql;
    private final OffloadedPayloadLoader offloads;

    /**
     * A source for the Dify database behind {@code dify}, whose schema is detected first; {@code store}:
     * Dify's object storage, where offloaded node payloads of chatflow runs are read from.
     */
    public MessagePageSource(JdbcTemplate dify, SourceWindow window, PayloadStore store) {
        this(dify, window, DifySchemaProfile.detect(dify), store);
    }

    public MessagePageSource(JdbcTemplate dify, SourceWindow window, DifySchemaProfile schema, PayloadStore store) {
        this.dify = dify;
        this.window = window;
        this.messagesSql = DifySql.load("messages-page", schema::hasColumn);
        this.thoughtsSql = DifySql.load("message-agent-thoughts", schema::hasColumn);
        this.offloads = new OffloadedPayloadLoader(dify, store);
    }

    @Override
    public Page<MessageTraceSource> pageAfter(Keyset after, int limit) {
        return Page.of(withChildren(messagesSql.query(dify, WindowParameters.of(window, after, limit), (rs, n) -> message(rs))),
                this::keyOf);
    }

    @Override
    public List<Keyset> unfinishedAfter(Keyset after, int limit) {
        return messagesSql.query(dify, WindowParameters.unfinished(window, after, limit),
                (rs, n) -> new Keyset(rs.getObject("created_at", LocalDateTime.class), rs.getObject("id", UUID.class)));
    }

    @Override
    public List<MessageTraceSource> readyAmong(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of()
                : withChildren(messagesSql.query(dify, WindowParameters.readyAmong(window, ids), (rs, n) -> message(rs)));
    }

    private List<MessageTraceSource> withChildren(List<MessageRow> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<UUID> messageIds = messages.stream().map(MessageRow::id).toList();

        Map<UUID, String[]> conversations = new HashMap<>();
        CONVERSATIONS.query(dify, Map.of("ids", distinct(messages, MessageRow::conversationId)), (rs, n) ->
                conversations.put(uuid(rs, "id"), new String[] {rs.getString("mode"), rs.getString("app_model_config_id")}));
        Set<UUID> configIds = new HashSet<>();
        conversations.values().stream().map(c -> c[1]).filter(Objects::nonNull).forEach(id -> configIds.add(UUID.fromString(id)));
        Map<UUID, AppFeatures> configs = new HashMap<>();
        query(APP_CONFIGS, configIds, rs -> configs.put(uuid(rs, "id"), AppFeatures.ofAppConfig(
                rs.getString("id"), rs.getString("sensitive_word_avoidance"), rs.getString("suggested_questions_after_answer"))));

        Map<UUID, List<AgentThoughtRow>> thoughts = grouped(thoughtsSql, messageIds, MessagePageSource::thought,
                AgentThoughtRow::messageId);
        Map<UUID, List<MessageFileRow>> files = grouped(FILES, messageIds, MessagePageSource::file, MessageFileRow::messageId);
        Map<UUID, List<RetrieverResourceRow>> legacy = grouped(LEGACY_RESOURCES, messageIds, MessagePageSource::resource,
                RetrieverResourceRow::messageId);
        Map<UUID, DatasetRow> datasets = new HashMap<>();
        query(DATASETS, distinct(messages, MessageRow::tenantId), rs -> datasets.put(uuid(rs, "id"),
                new DatasetRow(uuid(rs, "id"), rs.getString("embedding_model"), rs.getString("embedding_model_provider"))));
        Map<UUID, String> sessions = new HashMap<>();
        query(END_USERS, distinct(messages, MessageRow::fromEndUserId),
                rs -> sessions.put(uuid(rs, "id"), rs.getString("session_id")));
        Chatflows chatflows = chatflows(messages);

        List<MessageTraceSource> page = new ArrayList<>(messages.size());
        for (MessageRow m : messages) {
            String[] conversation = conversations.get(m.conversationId());
            AppFeatures features = conversation != null && conversation[1] != null
                    ? configs.get(UUID.fromString(conversation[1])) : null;
            WorkflowTraceSource run = m.workflowRunId() == null ? null : chatflows.runs().get(m.workflowRunId());
            if (run != null && chatflows.features().containsKey(run.run().workflowId())) {
                features = chatflows.features().get(run.run().workflowId());
            }
            page.add(new MessageTraceSource(m, conversation == null ? null : conversation[0], conversation != null,
                    features, thoughts.getOrDefault(m.id(), List.of()), files.getOrDefault(m.id(), List.of()),
                    legacy.getOrDefault(m.id(), List.of()), datasets,
                    m.fromEndUserId() == null ? null : sessions.get(m.fromEndUserId()), run));
        }
        return page;
    }

    @Override
    public Keyset keyOf(MessageTraceSource item) {
        return new Keyset(item.message().createdAt(), item.message().id());
    }

    private record Chatflows(Map<UUID, WorkflowTraceSource> runs, Map<UUID, AppFeatures> features) {
    }

    /** The runs of the page's chatflow messages, with their nodes, users and workflow features. */
    private Chatflows chatflows(List<MessageRow> messages) {
        Set<UUID> runIds = distinct(messages, MessageRow::workflowRunId);
        if (runIds.isEmpty()) {
            return new Chatflows(Map.of(), Map.of());
        }
        List<WorkflowRunRow> runs = RUNS.query(dify, Map.of("ids", runIds), (rs, n) -> WorkflowPageSource.run(rs));
        List<UUID> ids = runs.stream().map(WorkflowRunRow::id).toList();
        Map<UUID, List<NodeExecutionRow>> nodes = new HashMap<>();
        if (!ids.isEmpty()) {
            offloads.load(NODES.query(dify, Map.of("run_ids", ids), (rs, n) -> WorkflowPageSource.node(rs)))
                    .forEach(node -> nodes.computeIfAbsent(node.workflowRunId(), k -> new ArrayList<>()).add(node));
        }
        Map<UUID, AppFeatures> features = new HashMap<>();
        query(FEATURES, distinctRuns(runs, WorkflowRunRow::workflowId), rs -> features.put(uuid(rs, "id"),
                AppFeatures.ofWorkflow(rs.getString("id"), rs.getString("features"))));
        Set<UUID> endUsers = new HashSet<>();
        Set<UUID> accountIds = new HashSet<>();
        runs.forEach(r -> ("account".equals(r.createdByRole()) ? accountIds : endUsers).add(r.createdBy()));
        Map<UUID, String> sessions = new HashMap<>();
        query(END_USERS, endUsers, rs -> sessions.put(uuid(rs, "id"), rs.getString("session_id")));
        Set<UUID> accounts = new HashSet<>();
        query(ACCOUNTS, accountIds, rs -> accounts.add(uuid(rs, "id")));
        Map<UUID, WorkflowTraceSource> sources = new HashMap<>();
        for (WorkflowRunRow run : runs) {
            sources.put(run.id(), new WorkflowTraceSource(run, nodes.getOrDefault(run.id(), List.of()), null,
                    sessions.get(run.createdBy()), accounts.contains(run.createdBy())));
        }
        return new Chatflows(sources, features);
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private void query(DifySql sql, Set<UUID> ids, RowConsumer consumer) {
        if (!ids.isEmpty()) {
            sql.query(dify, Map.of("ids", ids), (rs, n) -> {
                consumer.accept(rs);
                return null;
            });
        }
    }

    private <T> Map<UUID, List<T>> grouped(DifySql sql, List<UUID> ids, RowReader<T> reader, Function<T, UUID> key) {
        return grouped(sql, Map.of("ids", ids), reader, key);
    }

    private <T> Map<UUID, List<T>> grouped(DifySql sql, Map<String, ?> parameters, RowReader<T> reader,
            Function<T, UUID> key) {
        Map<UUID, List<T>> grouped = new HashMap<>();
        sql.query(dify, parameters, (rs, n) -> reader.read(rs))
                .forEach(row -> grouped.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row));
        return grouped;
    }

    private static Set<UUID> distinct(List<MessageRow> messages, Function<MessageRow, UUID> field) {
        Set<UUID> ids = new HashSet<>();
        messages.stream().map(field).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    private static Set<UUID> distinctRuns(List<WorkflowRunRow> runs, Function<WorkflowRunRow, UUID> field) {
        Set<UUID> ids = new HashSet<>();
        runs.stream().map(field).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static MessageRow message(ResultSet rs) throws SQLException {
        return new MessageRow(uuid(rs, "id"), uuid(rs, "app_id"), uuid(rs, "tenant_id"), rs.getString("app_mode"),
                uuid(rs, "conversation_id"), rs.getString("model_provider"), rs.getString("model_id"),
                JsonText.ofUtf8(rs.getBytes("inputs")), rs.getString("query"), JsonText.ofUtf8(rs.getBytes("message")),
                rs.getString("answer"),
                rs.getLong("message_tokens"), rs.getLong("answer_tokens"), rs.getDouble("provider_response_latency"),
                rs.getString("from_source"), uuid(rs, "from_end_user_id"), uuid(rs, "from_account_id"),
                rs.getObject("created_at", LocalDateTime.class), rs.getObject("updated_at", LocalDateTime.class),
                rs.getBoolean("agent_based"), uuid(rs, "workflow_run_id"), rs.getString("status"),
                rs.getString("error"), JsonText.ofUtf8(rs.getBytes("message_metadata")), rs.getString("invoke_from"));
    }

    static AgentThoughtRow thought(ResultSet rs) throws SQLException {
        return new AgentThoughtRow(uuid(rs, "id"), uuid(rs, "message_id"), rs.getInt("position"), rs.getString("tool"),
                rs.getString("tool_input"), rs.getString("observation"), rs.getString("tool_meta_str"),
                rs.getObject("created_at", LocalDateTime.class));
    }

    static MessageFileRow file(ResultSet rs) throws SQLException {
        return new MessageFileRow(uuid(rs, "id"), uuid(rs, "message_id"), rs.getString("type"),
                rs.getString("transfer_method"), rs.getString("url"), uuid(rs, "upload_file_id"),
                rs.getString("belongs_to"));
    }

    static RetrieverResourceRow resource(ResultSet rs) throws SQLException {
        return new RetrieverResourceRow(uuid(rs, "message_id"), rs.getInt("position"), uuid(rs, "dataset_id"),
                rs.getString("dataset_name"), uuid(rs, "document_id"), rs.getString("document_name"),
                rs.getString("data_source_type"), uuid(rs, "segment_id"), (Double) rs.getObject("score"),
                rs.getString("content"), (Integer) rs.getObject("hit_count"), (Integer) rs.getObject("word_count"),
                (Integer) rs.getObject("segment_position"), rs.getString("index_node_hash"),
                rs.getString("retriever_from"));
    }
}
