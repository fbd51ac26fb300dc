package dev.difyweave.backfill.source;

import java.util.Collection;
import java.util.UUID;

import org.postgresql.core.Oid;
import org.postgresql.util.ByteConverter;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * Ids bound as one {@code uuid[]} parameter. On a connection that sends {@code uuid[]} in binary
 * ({@link #BINARY_TRANSFER_ENABLE}, set on both pools) it goes as PostgreSQL's binary array, 16 bytes an id:
 * read as text, PostgreSQL parsed every id of every look-up's array (a page's node executions are looked up
 * for offloads by some 400 ids), about 0.35 s of its CPU in a 379,000-call dry run. On any other connection (a
 * {@code DIFY_DB_URL} that sets {@code binaryTransferEnable} itself) it goes as array text, made only then.
 * pgjdbc's {@code createArrayOf} is not used: it looks at every character of every element for what to
 * escape; a UUID has nothing to escape.
 */
public final class UuidArray extends PGobject implements PGBinaryObject {

    /** The pgjdbc connection property, and its value, that let {@code uuid[]} parameters go in binary. */
    public static final String BINARY_TRANSFER_ENABLE = "binaryTransferEnable";
    public static final String UUID_ARRAY_OID = String.valueOf(Oid.UUID_ARRAY);

    private static final long serialVersionUID = 1L;

    /** One dimension: flags, element type, length and lower bound after the dimension count. */
    private static final int HEADER_BYTES = 5 * Integer.BYTES;
    /** No dimension at all: what PostgreSQL sends for {@code '{}'}. */
    private static final int EMPTY_BYTES = 3 * Integer.BYTES;
    private static final int ELEMENT_BYTES = Integer.BYTES + 2 * Long.BYTES;

    private final UUID[] ids;

    private UuidArray(UUID[] ids) {
        this.ids = ids;
        setType("uuid[]");
    }

    /** {@code ids} (each a {@link UUID}) as a {@code uuid[]} value. */
    public static UuidArray of(Collection<?> ids) {
        return new UuidArray(ids.toArray(new UUID[0]));
    }

    /** The array text, made when a connection sends it as text (or something asks for it). */
    @Override
    public String getValue() {
        if (value == null) {
            StringBuilder text = new StringBuilder(2 + 37 * ids.length).append('{');
            for (int i = 0; i < ids.length; i++) {
                text.append(i == 0 ? "" : ",").append(ids[i]);
            }
            value = text.append('}').toString();
        }
        return value;
    }

    @Override
    public int lengthInBytes() {
        return ids.length == 0 ? EMPTY_BYTES : HEADER_BYTES + ELEMENT_BYTES * ids.length;
    }

    /** PostgreSQL's binary array ({@code array_recv}): the header, then each id as its length and 16 bytes. */
    @Override
    public void toBytes(byte[] bytes, int offset) {
        ByteConverter.int4(bytes, offset, ids.length == 0 ? 0 : 1); // dimensions
        ByteConverter.int4(bytes, offset + 4, 0); // no NULL element
        ByteConverter.int4(bytes, offset + 8, Oid.UUID);
        if (ids.length == 0) {
            return;
        }
        ByteConverter.int4(bytes, offset + 12, ids.length);
        ByteConverter.int4(bytes, offset + 16, 1); // lower bound
        int at = offset + HEADER_BYTES;
        for (UUID id : ids) {
            ByteConverter.int4(bytes, at, 2 * Long.BYTES);
            ByteConverter.int8(bytes, at + 4, id.getMostSignificantBits());
            ByteConverter.int8(bytes, at + 12, id.getLeastSignificantBits());
            at += ELEMENT_BYTES;
        }
    }

    /** Only ever sent, never read back. */
    @Override
    public void setByteValue(byte[] value, int offset) {
        throw new UnsupportedOperationException("a uuid[] parameter is not read back");
    }
}
