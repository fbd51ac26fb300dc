package dev.difyweave.backfill.call;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;

/**
 * The wire format of calls: v1 {@code upsert_batch} items (a start and an end) and v2
 * {@code calls/complete} items. Each call is serialised once, by streaming, into bytes that batches
 * are assembled from.
 */
public final class WeaveJson {

    /** UTC with {@code Z} and microseconds, always (correction C6). */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final long SECONDS_PER_DAY = 86_400;

    /** "00" to "99": the tens digit at {@code 2 * n}, the ones digit after it. */
    private static final byte[] TWO_DIGITS = twoDigitTable();

    private WeaveJson() {
    }

    /**
     * Same text as {@link #TIMESTAMP}, written by hand: it is called several times per call. The date is
     * worked out from the epoch day by arithmetic (no {@code LocalDateTime} objects), two digits at a time
     * from a table (the quick compiler divides by ten with a division instruction), into Latin-1 bytes the
     * string keeps as they are.
     */
    public static String timestamp(Instant instant) {
        byte[] out = new byte[TIMESTAMP_BYTES];
        if (timestamp(instant, out, 0) == -1) {
            return TIMESTAMP.format(instant);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The bytes of {@link #timestamp(Instant)}'s text: always this many from year 0 to 9999. */
    static final int TIMESTAMP_BYTES = 27;

    /**
     * {@link #timestamp(Instant)}'s text written into {@code out} from {@code at} (room for
     * {@value #TIMESTAMP_BYTES} bytes): the index after it, or {@code -1} (nothing written) for a year
     * before 0 or after 9999, which only {@link #TIMESTAMP} writes.
     */
    static int timestamp(Instant instant, byte[] out, int at) {
        long epochDay = Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(instant.getEpochSecond(), SECONDS_PER_DAY);
        // days since 0000-03-01 in 400-year eras, so that a leap day ends each year (Hinnant's civil_from_days)
        long days = epochDay + 719_468;
        long era = Math.floorDiv(days, 146_097);
        int dayOfEra = (int) (days - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return -1;
        }
        int century = (int) year / 100;
        twoDigits(out, at, century);
        twoDigits(out, at + 2, (int) year - 100 * century);
        out[at + 4] = '-';
        twoDigits(out, at + 5, month);
        out[at + 7] = '-';
        twoDigits(out, at + 8, day);
        out[at + 10] = 'T';
        int hour = secondOfDay / 3600;
        int minutes = secondOfDay / 60 - 60 * hour;
        twoDigits(out, at + 11, hour);
        out[at + 13] = ':';
        twoDigits(out, at + 14, minutes);
        out[at + 16] = ':';
        twoDigits(out, at + 17, secondOfDay - 3600 * hour - 60 * minutes);
        out[at + 19] = '.';
        int micros = instant.getNano() / 1000;
        int high = micros / 10_000;
        int rest = micros - 10_000 * high;
        int middle = rest / 100;
        twoDigits(out, at + 20, high);
        twoDigits(out, at + 22, middle);
        twoDigits(out, at + 24, rest - 100 * middle);
        out[at + 26] = 'Z';
        return at + TIMESTAMP_BYTES;
    }

    private static byte[] twoDigitTable() {
        byte[] table = new byte[200];
        for (int n = 0; n < 100; n++) {
            table[2 * n] = (byte) ('0' + n / 10);
            table[2 * n + 1] = (byte) ('0' + n % 10);
        }
        return table;
    }

    private static void twoDigits(byte[] out, int at, int value) {
        out[at] = TWO_DIGITS[2 * value];
        out[at + 1] = TWO_DIGITS[2 * value + 1];
    }

    /** {@code {"mode":"start","req":{"start":{...}}},{"mode":"end","req":{"end":{...}}}} without brackets. */
    public static byte[] upsertItems(String projectId, WeaveCall call) {
        return encode(projectId, call).upsertItems();
    }

    /**
     * The call's upsert items for {@code projectId}, with where its start fields and its end fields lie in
     * them: the {@link #completeItem} of the call is cut from the same bytes, so a call is serialised once
     * whichever endpoint it goes to. Written by {@link CallBytes}, or by the thread's {@link KeptGenerator} when
     * that declines.
     */
    public static WeaveCall.Encoded encode(String projectId, WeaveCall call) {
        WeaveCall.Encoded written = CallBytes.encode(projectId, call);
        return written != null ? written : encodeByGenerator(projectId, call);
    }

    /**
     * {@link #encode} by the thread's generator, which notes what needs the cleaning walk: for the calls
     * {@link CallBytes} declines.
     */
    static WeaveCall.Encoded encodeByGenerator(String projectId, WeaveCall call) {
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
     * What {@code g.writeTree(node)} writes, by the node's own {@code serialize}: {@code writeTree} first
     * looks up the serializer of the node's class in the mapper's cache, for every tree of every call
     * (1.4 % of a dry run's CPU).
     */
    private static void writeNode(JsonGenerator g, JsonNode node) {
        if (node == null) {
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
