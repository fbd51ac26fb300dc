package dev.difyweave.backfill.call;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

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

    /**
     * Same text as {@link #TIMESTAMP}, written by hand: it is called four times per call. The date and time
     * up to the second are kept per thread for the last second written: the calls of a trace mostly start
     * and end within the same second, so most timestamps only write their microseconds.
     */
    public static String timestamp(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        SecondText second = LAST_SECOND.get();
        if (second == null || second.epochSecond() != epochSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            int year = t.getYear();
            if (year < 0 || year > 9999) {
                return TIMESTAMP.format(instant);
            }
            second = new SecondText(epochSecond, secondText(t));
            LAST_SECOND.set(second);
        }
        byte[] out = new byte[TIMESTAMP_LENGTH];
        System.arraycopy(second.text(), 0, out, 0, SECOND_LENGTH);
        out[SECOND_LENGTH] = '.';
        digits(out, SECOND_LENGTH + 1, instant.getNano() / 1000, 6);
        out[TIMESTAMP_LENGTH - 1] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss}, then {@code .SSSSSSZ}. */
    private static final int SECOND_LENGTH = 19;
    private static final int TIMESTAMP_LENGTH = SECOND_LENGTH + 8;

    private record SecondText(long epochSecond, byte[] text) {
    }

    private static final ThreadLocal<SecondText> LAST_SECOND = new ThreadLocal<>();

    private static byte[] secondText(LocalDateTime t) {
        byte[] out = new byte[SECOND_LENGTH];
        digits(out, 0, t.getYear(), 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        return out;
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code {"mode":"start","req":{"start":{...}}},{"mode":"end","req":{"end":{...}}}} without brackets. */
    public static byte[] upsertItems(String projectId, WeaveCall call) {
        return encode(projectId, call).upsertItems();
    }

    /**
     * The call's upsert items for {@code projectId}, with where its start fields and its end fields lie in
     * them: the {@link #completeItem} of the call is cut from the same bytes, so a call is serialised once
     * whichever endpoint it goes to. Written with the thread's {@link KeptGenerator}.
     */
    public static WeaveCall.Encoded encode(String projectId, WeaveCall call) {
        return KeptGenerator.use(kept -> {
            CheckingGenerator g = kept.generator();
            g.writeStartObject();
            g.writeStringProperty("mode", "start");
            g.writeName("req");
            g.writeStartObject();
            g.writeName("start");
            g.writeStartObject();
            int startFrom = kept.size();
            writeStartFields(g, projectId, call);
            int startTo = kept.size();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            kept.writeByte(',');
            g.writeStartObject();
            g.writeStringProperty("mode", "end");
            g.writeName("req");
            g.writeStartObject();
            g.writeName("end");
            g.writeStartObject();
            g.writeStringProperty("project_id", projectId);
            g.writeStringProperty("id", call.id());
            int endFrom = kept.size(); // the end fields that follow start with their comma
            writeEndFields(g, call);
            int endTo = kept.size();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            return new WeaveCall.Encoded(projectId, kept.bytesFrom(0), startFrom, startTo, endFrom, endTo, false,
                    needsCleaning(g));
        });
    }

    /** Upsert items sit at level 3 of the body ({@code {"batch":[item]}}): their own levels plus 2. */
    static final int MAX_ITEM_LEVELS = CallCleaner.MAX_BODY_LEVELS - 2;

    /**
     * Whether what was written for a call needs the walk that fixes and records values
     * ({@link CallCleaner}): a string or name with a ref prefix anywhere or a lone surrogate, or
     * containers nested deeper than Weave accepts.
     */
    private static boolean needsCleaning(CheckingGenerator g) {
        return g.suspicious() || g.deepest() > MAX_ITEM_LEVELS;
    }

    /**
     * One {@code CompletedCallSchemaForInsert} for {@code /v2/{entity}/{project}/calls/complete}: the start
     * fields and the end fields in one object. Cut from the call's upsert items when it was encoded for this
     * project (the same bytes, nothing serialised again), else written from its values.
     */
    public static byte[] completeItem(String projectId, WeaveCall call) {
        WeaveCall.Encoded cached = call.encodedFor(projectId);
        if (cached != null) {
            return cached.completeItem();
        }
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
        writeNode(g, call.attributes());
        g.writeName("inputs");
        writeNode(g, LivePayload.startInputs(call.inputsAsStored()));
        g.writeName("wb_user_id");
        g.writeNull();
    }

    private static void writeEndFields(JsonGenerator g, WeaveCall call) {
        g.writeStringProperty("ended_at", timestamp(call.endedAt()));
        g.writeName("exception");
        writeNullable(g, call.exception());
        g.writeName("output");
        if (call.outputAsStored() == null) {
            g.writeNull();
        } else {
            writeNode(g, call.outputAsStored());
        }
        g.writeName("summary");
        writeNode(g, call.summary());
    }

    /**
     * What {@code g.writeTree(node)} writes with the mapper's settings (properties in their order, nulls and
     * empty arrays written): objects, arrays and strings, nearly all of a call's attributes and summary, are
     * walked here, anything else is written by its node's own {@code serialize}. {@code writeTree} first
     * looks up the serializer of the node's class in the mapper's cache, for every tree of every call (1.4 % of
     * a dry run's CPU), and each node's {@code serialize} asks the context for the same two settings again.
     */
    private static void writeNode(JsonGenerator g, JsonNode node) {
        if (node instanceof ObjectNode object) {
            g.writeStartObject(object, object.size());
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                g.writeName(property.getKey());
                writeNode(g, property.getValue());
            }
            g.writeEndObject();
        } else if (node instanceof ArrayNode array) {
            int size = array.size();
            g.writeStartArray(array, size);
            for (int i = 0; i < size; i++) {
                writeNode(g, array.get(i));
            }
            g.writeEndArray();
        } else if (node instanceof StringNode string) {
            g.writeString(string.stringValue());
        } else if (node == null) {
            g.writeNull();
        } else {
            node.serialize(g, (SerializationContext) g.objectWriteContext());
        }
    }

    private static void writeNullable(JsonGenerator g, String value) {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }
}
