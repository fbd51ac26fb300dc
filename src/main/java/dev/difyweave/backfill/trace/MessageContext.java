package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.CallAttributes.putNullable;
import static dev.difyweave.backfill.trace.CallAttributes.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.difyweave.backfill.source.MessageFileRow;
import dev.difyweave.backfill.source.MessageRow;
import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.SourceKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every call of one message's trace shares: its id, times, metadata (docs/reference/dify-source.md §2.2) and
 * file links, computed once per message, with the message's JSON columns parsed once.
 */
final class MessageContext {

    static final String MESSAGES = RootKind.MESSAGES.table();

    final MessageTraceSource source;
    final MessageRow row;
    final String id;
    /** The message's row: the source of every call of its trace but the tool calls (their thoughts). */
    final SourceKey key;
    final Instant start;
    final Instant end;
    final List<String> fileUrls;
    final JsonNode inputs;
    final JsonNode metadata;
    final SourceProblems problems;
    final Provenance provenance;

    MessageContext(MessageTraceSource source, String filesUrl, Provenance provenance, SourceProblems problems) {
        this.source = source;
        this.row = source.message();
        this.id = CallIds.message(row.id());
        this.key = source.sourceKey();
        this.provenance = provenance;
        this.problems = problems;
        this.start = DifyTime.utc(row.createdAt());
        Instant updated = DifyTime.utc(row.updatedAt());
        this.end = updated != null && updated.isAfter(start) ? updated
                : DifyTime.plusSeconds(start, row.providerResponseLatency());
        this.fileUrls = new ArrayList<>();
        for (MessageFileRow file : source.files()) {
            fileUrls.add(fileUrl(filesUrl, file));
        }
        this.inputs = problems.parse(MESSAGES, id, "inputs", row.inputs());
        this.metadata = problems.parse(MESSAGES, id, "message_metadata", row.messageMetadata());
    }

    /** The metadata dict of a message trace (§2.2); the message call overwrites {@code user_id}. */
    ObjectNode meta() {
        ObjectNode meta = Json.NODES.objectNode();
        putNullable(meta, "conversation_id", row.conversationId());
        putNullable(meta, "ls_provider", row.modelProvider());
        putNullable(meta, "ls_model_name", row.modelId());
        meta.put("status", row.status());
        putNullable(meta, "from_end_user_id", row.fromEndUserId());
        putNullable(meta, "from_account_id", row.fromAccountId());
        meta.put("agent_based", row.agentBased());
        putNullable(meta, "workflow_run_id", row.workflowRunId());
        meta.put("from_source", row.fromSource());
        meta.put("message_id", id);
        putNullable(meta, "tenant_id", row.tenantId());
        putNullable(meta, "app_id", row.appId());
        putNullable(meta, "user_id", row.fromEndUserId() != null ? row.fromEndUserId() : row.fromAccountId());
        meta.put("app_name", "");
        meta.put("workspace_name", "");
        return meta;
    }

    /** The app mode, from the app, or the conversation when the app row is gone. */
    String mode() {
        if (row.appMode() != null) {
            return row.appMode();
        }
        return source.conversationMode() != null ? source.conversationMode() : "chat";
    }

    /** The tag live Dify adds: the conversation's mode. */
    String conversationMode() {
        return source.conversationMode() != null ? source.conversationMode() : mode();
    }

    /** {@code <FILES_URL>/<url>}; absolute remote URLs as they are; local uploads by their file id (C3). */
    static String fileUrl(String filesUrl, MessageFileRow file) {
        String base = filesUrl.endsWith("/") ? filesUrl.substring(0, filesUrl.length() - 1) : filesUrl;
        String url = file.url();
        if (url == null || url.isBlank()) {
            return base + "/files/" + str(file.uploadFileId()) + "/file-preview";
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return url;
        }
        return base + (url.startsWith("/") ? url : "/" + url);
    }
}
