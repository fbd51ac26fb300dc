package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.UUID;

/** A reader position: the last {@code (created_at, id)} handed out. */
public record Keyset(LocalDateTime createdAt, UUID id) {

    private static final UUID MAX_UUID = new UUID(-1L, -1L);

    /** PostgreSQL's order of {@code uuid}s: as unsigned bytes, not as Java compares them. */
    public static final Comparator<UUID> UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    /** PostgreSQL's order of {@code (timestamp, uuid)}. */
    public static final Comparator<Keyset> ORDER = Comparator.comparing(Keyset::createdAt)
            .thenComparing(Keyset::id, UUID_ORDER);

    /** Before every row there is: where a scan over a whole table or the pending list starts. */
    public static final Keyset FIRST = before(LocalDateTime.of(1970, 1, 1, 0, 0));

    /** Just before every row of a window starting at {@code from} (the page query also has {@code >= from}). */
    public static Keyset before(LocalDateTime from) {
        return new Keyset(from.minusNanos(1000), MAX_UUID);
    }
}
