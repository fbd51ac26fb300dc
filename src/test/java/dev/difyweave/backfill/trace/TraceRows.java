package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.testsupport.ColumnText.asRead;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.difyweave.backfill.source.NodeExecutionRow;
import dev.difyweave.backfill.source.WorkflowRunRow;
import dev.difyweave.backfill.source.WorkflowTraceSource;

/** Builders for the Dify rows the workflow mapper reads, with realistic defaults. Timestamps are naive UTC. */
final class TraceRows {

    static final UUID RUN_ID = UUID.fromString("4b6f1c1e-8d2a-4f3b-9c7e-1a2b3c4d5e6f");
    static final UUID TENANT_ID = UUID.fromString("1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b");
    static final UUID APP_ID = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    static final UUID WORKFLOW_ID = UUID.fromString("0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f");
    static final UUID ACCOUNT_ID = UUID.fromString("77f6e5d4-c3b2-4a19-8f7e-6d5c4b3a2f1e");
    static final UUID END_USER_ID = UUID.fromString("e0d1c2b3-a4f5-4e6d-9c7b-8a9f0e1d2c3b");
    static final UUID APP_LOG_ID = UUID.fromString("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    static final String SESSION_ID = "user-42@example.com";

    static final LocalDateTime RUN_CREATED = LocalDateTime.parse("2025-11-20T08:15:02.123456");
    static final LocalDateTime RUN_FINISHED = LocalDateTime.parse("2025-11-20T08:15:04.625455");

    private TraceRows() {
    }

    static UUID nodeId(int n) {
        return UUID.fromString(String.format("c0ffee00-0000-4000-8000-%012d", n));
    }

    static RunBuilder run() {
        return new RunBuilder();
    }

    static NodeBuilder node(int n, String nodeType) {
        return new NodeBuilder(n, nodeType);
    }

    static final class RunBuilder {
        UUID id = RUN_ID;
        String type = "workflow";
        String triggeredFrom = "app-run";
        String version = "2025-11-18 10:00:00.000000";
        String inputs = "{\"query\":\"What is Weave?\",\"sys.files\":[],\"sys.user_id\":\"" + ACCOUNT_ID
                + "\",\"sys.app_id\":\"" + APP_ID + "\",\"sys.workflow_id\":\"" + WORKFLOW_ID
                + "\",\"sys.workflow_run_id\":\"" + RUN_ID + "\",\"sys.timestamp\":1763626502}";
        String outputs = "{\"answer\":\"Weave is a toolkit for LLM apps.\"}";
        String status = "succeeded";
        String error = null;
        double elapsedTime = 2.501999;
        long totalTokens = 1234;
        String createdByRole = "account";
        UUID createdBy = ACCOUNT_ID;
        LocalDateTime createdAt = RUN_CREATED;
        LocalDateTime finishedAt = RUN_FINISHED;
        UUID appLogId = APP_LOG_ID;
        String endUserSessionId = null;
        boolean accountFound = true;
        final List<NodeExecutionRow> nodes = new ArrayList<>();

        RunBuilder inputs(String value) {
            inputs = value;
            return this;
        }

        RunBuilder outputs(String value) {
            outputs = value;
            return this;
        }

        RunBuilder status(String value) {
            status = value;
            return this;
        }

        RunBuilder error(String value) {
            error = value;
            return this;
        }

        RunBuilder elapsed(double value) {
            elapsedTime = value;
            return this;
        }

        RunBuilder finishedAt(LocalDateTime value) {
            finishedAt = value;
            return this;
        }

        RunBuilder endUser(String role, String sessionId) {
            createdByRole = role;
            createdBy = END_USER_ID;
            endUserSessionId = sessionId;
            return this;
        }

        RunBuilder role(String value) {
            createdByRole = value;
            return this;
        }

        RunBuilder accountFound(boolean value) {
            accountFound = value;
            return this;
        }

        RunBuilder appLog(UUID value) {
            appLogId = value;
            return this;
        }

        RunBuilder nodes(NodeBuilder... builders) {
            Arrays.stream(builders).map(NodeBuilder::build).forEach(nodes::add);
            return this;
        }

        WorkflowRunRow row() {
            return new WorkflowRunRow(id, TENANT_ID, APP_ID, WORKFLOW_ID, type, triggeredFrom, version, asRead(inputs),
                    asRead(outputs), status, error, elapsedTime, totalTokens, createdByRole, createdBy, createdAt,
                    finishedAt);
        }

        WorkflowTraceSource build() {
            return new WorkflowTraceSource(row(), List.copyOf(nodes), appLogId, endUserSessionId, accountFound);
        }
    }

    static final class NodeBuilder {
        final UUID id;
        int index;
        String nodeId;
        String nodeType;
        String title;
        String inputs = null;
        String processData = null;
        String outputs = null;
        String status = "succeeded";
        String error = null;
        double elapsedTime = 0.0123456;
        String executionMetadata = null;
        LocalDateTime createdAt;
        LocalDateTime finishedAt;

        NodeBuilder(int n, String nodeType) {
            this.id = TraceRows.nodeId(n);
            this.index = n;
            this.nodeId = "17000000000" + n;
            this.nodeType = nodeType;
            this.title = nodeType.toUpperCase() + " " + n;
            this.createdAt = RUN_CREATED.plusNanos(n * 100_000_000L);
            this.finishedAt = createdAt.plusSeconds(5);
        }

        NodeBuilder index(int value) {
            index = value;
            return this;
        }

        NodeBuilder nodeId(String value) {
            nodeId = value;
            return this;
        }

        NodeBuilder title(String value) {
            title = value;
            return this;
        }

        NodeBuilder inputs(String value) {
            inputs = value;
            return this;
        }

        NodeBuilder processData(String value) {
            processData = value;
            return this;
        }

        NodeBuilder outputs(String value) {
            outputs = value;
            return this;
        }

        NodeBuilder status(String value) {
            status = value;
            return this;
        }

        NodeBuilder error(String value) {
            error = value;
            return this;
        }

        NodeBuilder elapsed(double value) {
            elapsedTime = value;
            return this;
        }

        NodeBuilder metadata(String value) {
            executionMetadata = value;
            return this;
        }

        NodeBuilder createdAt(LocalDateTime value) {
            createdAt = value;
            return this;
        }

        NodeBuilder finishedAt(LocalDateTime value) {
            finishedAt = value;
            return this;
        }

        NodeExecutionRow build() {
            return new NodeExecutionRow(id, RUN_ID, TENANT_ID, APP_ID, index, nodeId, nodeType, title, asRead(inputs),
                    asRead(processData), asRead(outputs), status, error, elapsedTime, asRead(executionMetadata), createdAt,
                    finishedAt);
        }
    }
}
