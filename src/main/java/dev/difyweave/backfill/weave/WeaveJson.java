package dev.difyweave.backfill.weave;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The wire format of calls: v1 {@code upsert_batch} items (a start and an end) and v2
 * {@code calls/complete} items. Each call is serialised once, by streaming, into bytes that batches
 * are assembled from.
 */
public final class WeaveJson {

    /** UTC with {@code Z} and microseconds, always (correction C6). */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private WeaveJson() {
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** {@code {"mode":"start","req":{"start":{...}}},{"mode":"end","req":{"end":{...}}}} without brackets. */
    public static byte[] upsertItems(String projectId, WeaveCall call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("mode", "start");
            g.writeName("req");
            g.writeStartObject();
            g.writeName("start");
            writeStart(g, projectId, call);
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write(',');
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("mode", "end");
            g.writeName("req");
            g.writeStartObject();
            g.writeName("end");
            writeEnd(g, projectId, call);
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** One {@code CompletedCallSchemaForInsert} for {@code /v2/{entity}/{project}/calls/complete}. */
    public static byte[] completeItem(String projectId, WeaveCall call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            writeStartFields(g, projectId, call);
            writeEndFields(g, call);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Size of a call on the v1 wire; what the 3 MiB rule (C13) is measured on. */
    public static long callBytes(WeaveCall call) {
        return upsertItems("entity/project", call).length;
    }

    public static String toJson(JsonNode node) {
        return Json.MAPPER.writeValueAsString(node);
    }

    private static void writeStart(JsonGenerator g, String projectId, WeaveCall call) {
        g.writeStartObject();
        writeStartFields(g, projectId, call);
        g.writeEndObject();
    }

    private static void writeStartFields(JsonGenerator g, String projectId, WeaveCall call) {
        g.writeStringProperty("project_id", projectId);
        g.writeStringProperty("id", call.id());
        g.writeStringProperty("trace_id", call.traceId());
        g.writeName("parent_id");
        writeNullable(g, call.parentId());
        g.writeStringProperty("op_name", call.opName());
        if (call.displayName() != null) {
            g.writeStringProperty("display_name", call.displayName());
        }
        g.writeStringProperty("started_at", timestamp(call.startedAt()));
        g.writeName("attributes");
        g.writeTree(call.attributes());
        g.writeName("inputs");
        g.writeTree(LivePayload.startInputs(call.inputs()));
        g.writeName("wb_user_id");
        g.writeNull();
    }

    private static void writeEnd(JsonGenerator g, String projectId, WeaveCall call) {
        g.writeStartObject();
        g.writeStringProperty("project_id", projectId);
        g.writeStringProperty("id", call.id());
        writeEndFields(g, call);
        g.writeEndObject();
    }

    private static void writeEndFields(JsonGenerator g, WeaveCall call) {
        g.writeStringProperty("ended_at", timestamp(call.endedAt()));
        g.writeName("exception");
        writeNullable(g, call.exception());
        g.writeName("output");
        if (call.output() == null) {
            g.writeNull();
        } else {
            g.writeTree(call.output());
        }
        g.writeName("summary");
        g.writeTree(call.summary());
    }

    private static void writeNullable(JsonGenerator g, String value) {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }
}
