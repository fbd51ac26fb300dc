package dev.difyweave.backfill.call;

import java.io.Reader;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * A JSON generator that notes, as it writes, what decides whether a call needs {@link CallCleaner}'s walk:
 * a string or name holding a ref prefix anywhere ({@code weave:///}, {@code weave-trace-internal:///}) or a
 * lone UTF-16 surrogate, and the deepest nesting written. {@link RawJson} values bring what was noted when
 * they were copied, so a call's bytes are looked at once, as they are written, and never scanned again.
 * Writes that cannot be looked at (raw text, UTF-8 bytes, a reader) count as needing the walk.
 */
final class CheckingGenerator extends JsonGeneratorDelegate {


    /** Strings are checked in a copy, in an array each thread reuses; a longer one than this is not kept. */
    private static final int KEPT_CHARS = 64 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        char[] chars = new char[1024];
        byte[] utf8 = new byte[CheckedText.MAX_BYTES_PER_CHAR * 1024];
        final KnownName[] names = new KnownName[4096];
    }

    private final Scratch scratch = SCRATCH.get();
    private int level;
    private int deepest;
    private boolean suspicious;

    CheckingGenerator(JsonGenerator delegate) {
        super(delegate, false);
    }

    /** The deepest level of containers written (a top-level object is level 1). */
    int deepest() {
        return deepest;
    }

    /** Whether a string or name written holds a ref prefix or a lone surrogate. */
    boolean suspicious() {
        return suspicious;
    }

    int level() {
        return level;
    }

    /** Starts noting afresh, for the value about to be written at the current level. */
    void startValue() {
        deepest = level;
        suspicious = false;
    }

    /** A value already checked and written as JSON text: what it holds, at the current level. */
    void writeChecked(RawJson value) {
        deepest = Math.max(deepest, level + value.levels());
        suspicious |= value.suspicious();
        delegate.writeRawValue(value.text());
    }

    // containers

    private void opened() {
        if (++level > deepest) {
            deepest = level;
        }
    }

    @Override
    public JsonGenerator writeStartArray() {
        opened();
        return super.writeStartArray();
    }

    @Override
    public JsonGenerator writeStartArray(Object currentValue) {
        opened();
        return super.writeStartArray(currentValue);
    }

    @Override
    public JsonGenerator writeStartArray(Object currentValue, int size) {
        opened();
        return super.writeStartArray(currentValue, size);
    }

    @Override
    public JsonGenerator writeStartObject() {
        opened();
        return super.writeStartObject();
    }

    @Override
    public JsonGenerator writeStartObject(Object currentValue) {
        opened();
        return super.writeStartObject(currentValue);
    }

    @Override
    public JsonGenerator writeStartObject(Object currentValue, int size) {
        opened();
        return super.writeStartObject(currentValue, size);
    }

    @Override
    public JsonGenerator writeEndArray() {
        level--;
        return super.writeEndArray();
    }

    @Override
    public JsonGenerator writeEndObject() {
        level--;
        return super.writeEndObject();
    }

    // strings and names

    @Override
    public JsonGenerator writeName(String name) {
        if (suspicious) {
            return delegate.writeName(name);
        }
        KnownName known = knownName(name);
        if (known == null) {
            return delegate.writeName(name); // just found suspicious
        }
        return known.bytes() != null ? delegate.writeName(known.bytes()) : delegate.writeName(name);
    }

    @Override
    public JsonGenerator writeName(SerializableString name) {
        checkName(name.getValue());
        return super.writeName(name);
    }

    /**
     * A string is checked and turned into the bytes the generator would write for it in one loop
     * ({@link CheckedText#encode}), from a copy of its characters (a loop over an array is cheaper than {@code charAt},
     * even in C1), and the generator copies those bytes. A suspicious one is written by the generator as
     * before (the cleaning walk decides what becomes of it).
     */
    @Override
    public JsonGenerator writeString(String text) {
        if (text == null || suspicious) {
            return super.writeString(text);
        }
        return writeChecked(copy(text), 0, text.length(), text);
    }

    @Override
    public JsonGenerator writeString(char[] text, int offset, int length) {
        if (suspicious) {
            return super.writeString(text, offset, length);
        }
        return writeChecked(text, offset, length, null);
    }

    private JsonGenerator writeChecked(char[] chars, int offset, int length, String text) {
        byte[] utf8 = scratch.utf8;
        if (utf8.length < CheckedText.MAX_BYTES_PER_CHAR * length) {
            utf8 = new byte[Math.max(CheckedText.MAX_BYTES_PER_CHAR * length, 2 * utf8.length)];
            scratch.utf8 = utf8.length > CheckedText.MAX_BYTES_PER_CHAR * KEPT_CHARS ? scratch.utf8 : utf8;
        }
        int written = CheckedText.encode(chars, offset, offset + length, utf8);
        if (written < 0) {
            suspicious = true;
            return text != null ? super.writeString(text) : super.writeString(chars, offset, length);
        }
        return delegate.writeRawUTF8String(utf8, 0, written);
    }

    @Override
    public JsonGenerator writeString(SerializableString text) {
        check(text.getValue());
        return super.writeString(text);
    }

    @Override
    public JsonGenerator writeString(Reader reader, int length) {
        suspicious = true;
        return super.writeString(reader, length);
    }

    @Override
    public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) {
        suspicious = true;
        return super.writeRawUTF8String(text, offset, length);
    }

    @Override
    public JsonGenerator writeUTF8String(byte[] text, int offset, int length) {
        suspicious = true;
        return super.writeUTF8String(text, offset, length);
    }

    @Override
    public JsonGenerator writeRawValue(String text) {
        suspicious = true;
        return super.writeRawValue(text);
    }

    @Override
    public JsonGenerator writeRawValue(String text, int offset, int length) {
        suspicious = true;
        return super.writeRawValue(text, offset, length);
    }

    @Override
    public JsonGenerator writeRawValue(char[] text, int offset, int length) {
        suspicious = true;
        return super.writeRawValue(text, offset, length);
    }

    @Override
    public JsonGenerator writeRawValue(SerializableString text) {
        suspicious = true;
        return delegate.writeRawValue(text);
    }

    /**
     * A name found safe. Seen again, and plain ASCII that JSON writes as it is (no control character, quote,
     * backslash, or slash, which the generator's settings may escape), it gets its bytes on the wire: the
     * generator then copies them instead of encoding the name character by character (writing names was 4 %
     * of a dry run's CPU). A name seen once costs no more than the check.
     */
    private record KnownName(String name, boolean plain, SerializedString bytes) {

        /** Longer names are encoded each time (a thread keeps the bytes of up to 4,096 names). */
        private static final int KEPT_NAME_CHARS = 256;

        static KnownName firstSeen(String name) {
            if (name.length() > KEPT_NAME_CHARS) {
                return new KnownName(name, false, null);
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '/') {
                    return new KnownName(name, false, null);
                }
            }
            return new KnownName(name, true, null);
        }

        boolean is(String other) {
            return name == other || name.equals(other);
        }

        KnownName seenAgain() {
            if (!plain || bytes != null) {
                return this;
            }
            SerializedString made = new SerializedString(name);
            made.asQuotedUTF8(); // made now, once
            return new KnownName(name, true, made);
        }
    }

    /**
     * The name as found safe before: the same keys (the mappers' literals, the names in Dify's JSON) come back
     * call after call, so most names are looked at once per thread, not once per call. Each name has two
     * slots to be in, so that two names that share one are both kept. {@code null} when it is suspicious
     * (noted).
     */
    private KnownName knownName(String name) {
        KnownName[] names = scratch.names;
        int first = firstSlot(name, names.length);
        int slot = names[first] != null && names[first].is(name) ? first : secondSlot(name, first, names.length);
        KnownName known = names[slot];
        if (known != null && known.is(name)) {
            known = known.seenAgain();
            names[slot] = known;
            return known;
        }
        check(name);
        if (suspicious) {
            return null;
        }
        KnownName moved = names[first];
        if (moved != null && firstSlot(moved.name(), names.length) == first) { // not one moved here already
            names[secondSlot(moved.name(), first, names.length)] = moved;
        }
        known = KnownName.firstSeen(name);
        names[first] = known;
        return known;
    }

    private static int firstSlot(String name, int slots) {
        return name.hashCode() & (slots - 1);
    }

    private static int secondSlot(String name, int first, int slots) {
        return (first ^ (name.hashCode() >>> 16 | 1)) & (slots - 1);
    }

    private void checkName(String name) {
        if (!suspicious) {
            knownName(name);
        }
    }

    private void check(String text) {
        if (!suspicious) {
            suspicious = CheckedText.isSuspicious(copy(text), 0, text.length());
        }
    }

    /** {@code text}'s characters in the thread's scratch array (or a new one, for a string too long to keep). */
    private char[] copy(String text) {
        int length = text.length();
        char[] chars = scratch.chars;
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
            scratch.chars = chars.length > KEPT_CHARS ? scratch.chars : chars;
        }
        text.getChars(0, length, chars, 0); // a loop over an array is cheaper than charAt, even in C1
        return chars;
    }
}
