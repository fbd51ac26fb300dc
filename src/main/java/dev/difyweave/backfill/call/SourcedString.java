package dev.difyweave.backfill.call;

import tools.jackson.databind.node.StringNode;

/**
 * A string node {@link JsonBytesTree} read from JSON bytes that are exactly what {@link Json#MAPPER}'s generator
 * writes for its text: it keeps where they are, so {@link CallBytes} copies them rather than encoding the text
 * again. The reader takes only well-formed UTF-8 and no control character as it stands; the generator writes
 * every other ASCII character but a quote and a backslash as it is ({@link WrittenAscii#SOURCE_BYTES_AS_WRITTEN})
 * and the rest in UTF-8; each escape in the bytes was compared with the generator's for its character (an
 * escaped newline is written the same way, a letter escaped by its hex code is not). To everything else it is
 * the {@link StringNode} of its text (equal to it, written as it).
 */
final class SourcedString extends StringNode {

    private static final long serialVersionUID = 1L;

    private final transient byte[] utf8;
    private final int from;
    private final int length;

    SourcedString(String text, byte[] utf8, int from, int length) {
        super(text);
        this.utf8 = utf8;
        this.from = from;
        this.length = length;
    }

    /** The bytes between the quotes in the source: {@code utf8()[from(), from() + length())}. */
    byte[] utf8() {
        return utf8;
    }

    int from() {
        return from;
    }

    int length() {
        return length;
    }
}
