package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;
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
 * generator. Strings and names are checked and encoded in one loop into the array itself
 * ({@link JsonByteArray}); raw payloads ({@link RawJson}) and strings read as the generator writes them
 * ({@link SourcedString}) are copied; numbers are Jackson's own text
 * ({@link NumberOutput}). It declines ({@code null}) whatever a call needs more than that for, and the
 * generator writes that call as before: a ref prefix or a lone surrogate in a string or name, nesting
 * deeper than Weave accepts (the generator notes them for {@link CallCleaner}'s walk), a string longer than
 * {@value JsonByteArray#LONGEST_STRING} characters, a double that is not finite, a number that is not an int,
 * a long or a double, or any other kind of value.
 */
final class CallBytes {

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
    private final JsonByteArray out = new JsonByteArray();
    /** Containers open around what is written, the item's own included. */
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
        out.bytes(START_ITEM);
        int startFrom = out.size();
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
        out.timestamp(call.startedAt());
        name("attributes", false);
        value(call.attributes());
        name("inputs", false);
        value(LivePayload.startInputs(call.inputsAsStored()));
        name("wb_user_id", false);
        out.bytes(NULL);
        int startTo = out.size();
        out.bytes(END_ITEM);
        name("project_id", true);
        string(projectId);
        name("id", false);
        string(call.id());
        int endFrom = out.size();
        name("ended_at", false);
        out.timestamp(call.endedAt());
        name("exception", false);
        string(call.exception());
        name("output", false);
        value(call.outputAsStored());
        name("summary", false);
        value(call.summary());
        int endTo = out.size();
        out.bytes(ITEM_CLOSED);
        return new WeaveCall.Encoded(projectId, out.copy(), startFrom, startTo, endFrom, endTo, false, false);
    }

    // values

    private void value(JsonNode node) {
        if (node == null || node instanceof NullNode) {
            out.bytes(NULL);
        } else if (node instanceof SourcedString sourced) {
            if (!out.sourcedString(sourced)) {
                throw Declined.INSTANCE;
            }
        } else if (node instanceof StringNode string) {
            string(string.stringValue());
        } else if (node instanceof ObjectNode object) {
            object(object);
        } else if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawJson raw) {
            raw(raw);
        } else if (node instanceof ArrayNode array) {
            array(array);
        } else if (node instanceof IntNode || node instanceof LongNode) {
            out.number(node.longValue());
        } else if (node instanceof DoubleNode) {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw Declined.INSTANCE;
            }
            out.ascii(NumberOutput.toString(value, true));
        } else if (node instanceof BooleanNode) {
            out.bytes(node.booleanValue() ? TRUE : FALSE);
        } else {
            throw Declined.INSTANCE;
        }
    }

    /** Members are visited by the map itself: iterating its entries made an iterator and an entry set per object. */
    private void object(ObjectNode object) {
        opened();
        out.put('{');
        boolean outer = firstMember;
        firstMember = true;
        object.forEachEntry(member);
        firstMember = outer;
        out.put('}');
        level--;
    }

    private void member(String name, JsonNode value) {
        name(name, firstMember);
        firstMember = false;
        value(value);
    }

    private void array(ArrayNode array) {
        opened();
        out.put('[');
        for (int i = 0, n = array.size(); i < n; i++) {
            if (i > 0) {
                out.put(',');
            }
            value(array.get(i));
        }
        out.put(']');
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
        out.bytes(raw.utf8());
    }

    /**
     * {@code ,"name":} ({@code "name":} first in its object). The same names (the mappers' literals, the keys
     * of Dify's JSON) come back call after call: a thread keeps the bytes of names it has written.
     */
    private void name(String name, boolean first) {
        if (!first) {
            out.put(',');
        }
        int slot = name.hashCode() & (NAME_SLOTS - 1);
        String known = names[slot];
        if (known == name || name.equals(known)) {
            out.bytes(nameBytes[slot]);
            return;
        }
        int from = out.size();
        checked(name);
        out.put(':');
        if (name.length() <= KEPT_NAME_CHARS) {
            names[slot] = name;
            nameBytes[slot] = out.copyOfRange(from, out.size());
        }
    }

    /**
     * A string value, or {@code null} (as the generator writes a null string). The same string is often
     * written more than once in a call (its id in both items, the project, a trace id among the attributes):
     * the last few short ones written are copied from where they were written.
     */
    private void string(String text) {
        if (text == null) {
            out.bytes(NULL);
            return;
        }
        for (int i = 0; i < RECENT; i++) {
            if (recent[i] == text) {
                out.again(recentAt[i], recentLength[i]);
                return;
            }
        }
        int from = out.size();
        checked(text);
        if (text.length() <= RECENT_CHARS) {
            recent[nextRecent] = text;
            recentAt[nextRecent] = from;
            recentLength[nextRecent] = out.size() - from;
            nextRecent = (nextRecent + 1) & (RECENT - 1);
        }
    }

    /** {@code text} quoted, checked and encoded as the generator writes it; declined when it cannot be. */
    private void checked(String text) {
        if (!out.checkedString(text)) {
            throw Declined.INSTANCE;
        }
    }

    private void cleared() {
        out.cleared();
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
