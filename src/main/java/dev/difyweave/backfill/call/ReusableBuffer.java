package dev.difyweave.backfill.call;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A byte buffer a thread writes JSON into again and again: it grows to the largest value the thread has
 * seen and is reused, so bytes are copied once (into their exact-size array), not at every doubling.
 */
final class ReusableBuffer extends ByteArrayOutputStream {

    private static final int INITIAL = 64 * 1024;
    /** Gives back memory a huge call made it take (C13 allows 3 MiB per call). */
    private static final int KEPT = 4 * 1024 * 1024;

    ReusableBuffer() {
        super(INITIAL);
    }

    /** Empty, and no larger than {@link #KEPT}. */
    ReusableBuffer cleared() {
        if (buf.length > KEPT) {
            buf = new byte[INITIAL];
        }
        reset();
        return this;
    }

    byte[] copyOfRange(int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }
}
