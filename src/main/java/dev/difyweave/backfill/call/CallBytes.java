package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.BiConsumer;

import tools.jackson.core.io.NumberOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.node.StringNode;

/**
 * A call's upsert items written straight into a byte array, for the calls that need nothing but writing:
 * the bytes {@link Json#MAPPER}'s generator writes for them ({@link WeaveJson#encode}), without the
 * generator. Strings and names are checked and encoded in one loop ({@link CheckedText#encode}) into the
 * array itself; raw payloads ({@link RawJson}) are copied; numbers are Jackson's own text
 * ({@link NumberOutput}). It declines ({@code null}) whatever a call needs more than that for, and the
 * generator writes that call as before: a ref prefix or a lone surrogate in a string or name, nesting
 * deeper than Weave accepts (the generator notes them for {@link CallCleaner}'s walk), a string longer than
 * {@value #LONGEST_STRING} characters, a double that is not finite, a number that is not an int, a long or a
 * double, or any other kind of value.
 */
final class CallBytes {

    static final int INITIAL = 64 * 1024;
    /** Gives back memory a huge call made the array take (C13 allows 3 MiB per call). */
    private static final int KEPT = 4 * 1024 * 1024;
    /**
     * Strings are encoded from a copy of their characters, with room for their longest escapes; a longer one
     * than this is left to the generator (whose memory use for such strings the limits in docs/operations.md
     * were measured with).
     */
    static final int LONGEST_STRING = 64 * 1024;

    private static final ThreadLocal<CallBytes> THREADS = ThreadLocal.withInitial(CallBytes::new);

    private static final byte[] START_ITEM = constant("{\"mode\":\"start\",\"req\":{\"start\":{");
    private static final byte[] END_ITEM = constant("}}},{\"mode\":\"end\",\"req\":{\"end\":{");
    private static final byte[] ITEM_CLOSED = constant("}}}");
    private static final byte[] NULL = constant("null");
    private static final byte[] TRUE = constant("true");
    private static final byte[] FALSE = constant("false");
    /** The level the fields of a start or end item are written at: item, {@code req}, {@code start}/{@code end}. */
    private static final int FIELD_LEVEL = 3;

    /** Names up to this long are kept, in a table of {@link #NAME_SLOTS}. */
    private static final int KEPT_NAME_CHARS = 256;
    private static final int NAME_SLOTS = 4096;
    /** How many of the strings last written are remembered, and up to what length. */
    private static final int RECENT = 8;
    private static final int RECENT_CHARS = 64;

    private final String[] names = new String[NAME_SLOTS];
    private final byte[][] nameBytes = new byte[NAME_SLOTS][];
    private final String[] recent = new String[RECENT];
    private final int[] recentAt = new int[RECENT];
    private final int[] recentLength = new int[RECENT];
    private int nextRecent;
    private final BiConsumer<String, JsonNode> member = this::member;
    /** Whether the member about to be written is the first of its object. */
    private boolean firstMember;
    private byte[] out = new byte[INITIAL];
    private char[] chars = new char[1024];
    private int size;
    private int level;
    private boolean inUse;

    private CallBytes() {
    }

    /**
     * The call's upsert items for {@code projectId}, as {@link WeaveJson#encode} gives them; {@code null} when
     * declined.
     */
    static WeaveCall.Encoded encode(String projectId, WeaveCall call) {
        CallBytes writer = THREADS.get();
        if (writer.inUse) {
            return null;
        }
        writer.inUse = true;
        try {
            return writer.write(projectId, call);
        } catch (Declined declined) {
            return null;
        } finally {
            writer.cleared();
            writer.inUse = false;
        }
    }

    private WeaveCall.Encoded write(String projectId, WeaveCall call) {
        bytes(START_ITEM);
        int startFrom = size;
        level = FIELD_LEVEL;
        name("project_id", true);
        string(projectId);
        name("id", false);
        string(call.id());
        name("trace_id", false);
        string(call.traceId());
        name("parent_id", false);
        string(call.parentId());
        name("op_name", false);
        string(call.opName());
        if (call.displayName() != null) {
            name("display_name", false);
            string(call.displayName());
        }
        name("started_at", false);
        timestamp(call.startedAt());
        name("attributes", false);
        value(call.attributes());
        name("inputs", false);
        value(LivePayload.startInputs(call.inputsAsStored()));
        name("wb_user_id", false);
        bytes(NULL);
        int startTo = size;
        bytes(END_ITEM);
        name("project_id", true);
        string(projectId);
        name("id", false);
        string(call.id());
        int endFrom = size;
        name("ended_at", false);
        timestamp(call.endedAt());
        name("exception", false);
        string(call.exception());
        name("output", false);
        value(call.outputAsStored());
        name("summary", false);
        value(call.summary());
        int endTo = size;
        bytes(ITEM_CLOSED);
        return new WeaveCall.Encoded(projectId, Arrays.copyOf(out, size), startFrom, startTo, endFrom, endTo, false,
                false);
    }

    // values

    private void value(JsonNode node) {
        if (node == null || node instanceof NullNode) {
            bytes(NULL);
        } else if (node instanceof StringNode string) {
            string(string.stringValue());
        } else if (node instanceof ObjectNode object) {
            object(object);
        } else if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawJson raw) {
            raw(raw);
        } else if (node instanceof ArrayNode array) {
            array(array);
        } else if (node instanceof IntNode || node instanceof LongNode) {
            ensure(20);
            size = NumberOutput.outputLong(node.longValue(), out, size);
        } else if (node instanceof DoubleNode) {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw Declined.INSTANCE;
            }
            ascii(NumberOutput.toString(value, true));
        } else if (node instanceof BooleanNode) {
            bytes(node.booleanValue() ? TRUE : FALSE);
        } else {
            throw Declined.INSTANCE;
        }
    }

    /** Members are visited by the map itself: iterating its entries made an iterator and an entry set per object. */
    private void object(ObjectNode object) {
        opened();
        put('{');
        boolean outer = firstMember;
        firstMember = true;
        object.forEachEntry(member);
        firstMember = outer;
        put('}');
        level--;
    }

    private void member(String name, JsonNode value) {
        name(name, firstMember);
        firstMember = false;
        value(value);
    }

    private void array(ArrayNode array) {
        opened();
        put('[');
        for (int i = 0, n = array.size(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            value(array.get(i));
        }
        put(']');
        level--;
    }

    private void opened() {
        if (++level > WeaveJson.MAX_ITEM_LEVELS) {
            throw Declined.INSTANCE;
        }
    }

    private void raw(RawJson raw) {
        if (raw.suspicious() || level + raw.levels() > WeaveJson.MAX_ITEM_LEVELS) {
            throw Declined.INSTANCE;
        }
        bytes(raw.utf8());
    }

    /** A timestamp's text (ASCII, nothing to escape), quoted. */
    private void timestamp(Instant instant) {
        put('"');
        ensure(WeaveJson.TIMESTAMP_BYTES);
        int end = WeaveJson.timestamp(instant, out, size);
        if (end == -1) {
            ascii(WeaveJson.timestamp(instant));
        } else {
            size = end;
        }
        put('"');
    }

    /**
     * {@code ,"name":} ({@code "name":} first in its object). The same names (the mappers' literals, the keys
     * of Dify's JSON) come back call after call: a thread keeps the bytes of names it has written.
     */
    private void name(String name, boolean first) {
        if (!first) {
            put(',');
        }
        int slot = name.hashCode() & (NAME_SLOTS - 1);
        String known = names[slot];
        if (known == name || name.equals(known)) {
            bytes(nameBytes[slot]);
            return;
        }
        int from = size;
        encoded(name);
        put(':');
        if (name.length() <= KEPT_NAME_CHARS) {
            names[slot] = name;
            nameBytes[slot] = Arrays.copyOfRange(out, from, size);
        }
    }

    /**
     * A string value, or {@code null} (as the generator writes a null string). The same string is often
     * written more than once in a call (its id in both items, the project, a trace id among the attributes):
     * the last few short ones written are copied from where they were written.
     */
    private void string(String text) {
        if (text == null) {
            bytes(NULL);
            return;
        }
        for (int i = 0; i < RECENT; i++) {
            if (recent[i] == text) {
                ensure(recentLength[i]);
                System.arraycopy(out, recentAt[i], out, size, recentLength[i]);
                size += recentLength[i];
                return;
            }
        }
        int from = size;
        encoded(text);
        if (text.length() <= RECENT_CHARS) {
            recent[nextRecent] = text;
            recentAt[nextRecent] = from;
            recentLength[nextRecent] = size - from;
            nextRecent = (nextRecent + 1) & (RECENT - 1);
        }
    }

    /** {@code text} quoted, checked and encoded as the generator writes it. */
    private void encoded(String text) {
        int length = text.length();
        if (length > LONGEST_STRING) {
            throw Declined.INSTANCE;
        }
        char[] copy = chars;
        if (copy.length < length) {
            copy = new char[Math.max(length, Math.min(2 * copy.length, LONGEST_STRING))];
            chars = copy;
        }
        text.getChars(0, length, copy, 0); // a loop over an array is cheaper than charAt, even in C1
        ensure(2 + CheckedText.MAX_BYTES_PER_CHAR * length);
        out[size] = '"';
        int end = CheckedText.encode(copy, 0, length, out, size + 1);
        if (end < 0) {
            throw Declined.INSTANCE;
        }
        out[end] = '"';
        size = end + 1;
    }

    /** A text of ASCII characters only (numbers, timestamps), as it is. */
    private void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    private void bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    private void put(int b) {
        ensure(1);
        out[size++] = (byte) b;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(size + more, 2 * out.length));
        }
    }

    private void cleared() {
        if (out.length > KEPT) {
            out = new byte[INITIAL];
        }
        size = 0;
        level = 0;
        firstMember = false;
        Arrays.fill(recent, null);
        nextRecent = 0;
    }

    private static byte[] constant(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The call is written by the generator instead. */
    private static final class Declined extends RuntimeException {

        static final Declined INSTANCE = new Declined();

        private Declined() {
            super(null, null, false, false);
        }
    }
}
