package dev.difyweave.backfill.weave;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Items sent in one {@code {"batch": [...]}} request, each serialised once. Batches are bounded by bytes
 * and by count; a batch can be halved (413, bisecting a 4xx) or narrowed to some of its items without
 * serialising anything again. Calls ({@link RequestBatch}) and feedback share it.
 */
public final class ItemBatch<I> implements Halvable<ItemBatch<I>> {

    private static final byte[] OPEN = "{\"batch\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

    private final String projectId;
    private final List<I> items;
    private final List<byte[]> encoded;

    private ItemBatch(String projectId, List<I> items, List<byte[]> encoded) {
        this.projectId = projectId;
        this.items = items;
        this.encoded = encoded;
    }

    /**
     * Splits items into batches whose bodies take at most {@code maxBytes} and hold at most
     * {@code maxItems} items; an item larger than {@code maxBytes} goes alone.
     */
    public static <I> List<ItemBatch<I>> plan(String projectId, List<I> items, Function<I, byte[]> encode,
            long maxBytes, int maxItems) {
        List<ItemBatch<I>> batches = new ArrayList<>();
        List<I> current = new ArrayList<>();
        List<byte[]> bytesOfCurrent = new ArrayList<>();
        long bytes = OPEN.length + CLOSE.length;
        for (I item : items) {
            byte[] json = encode.apply(item);
            if (!current.isEmpty() && (bytes + json.length + 1 > maxBytes || current.size() >= maxItems)) {
                batches.add(new ItemBatch<>(projectId, current, bytesOfCurrent));
                current = new ArrayList<>();
                bytesOfCurrent = new ArrayList<>();
                bytes = OPEN.length + CLOSE.length;
            }
            current.add(item);
            bytesOfCurrent.add(json);
            bytes += json.length + 1;
        }
        if (!current.isEmpty()) {
            batches.add(new ItemBatch<>(projectId, current, bytesOfCurrent));
        }
        return batches;
    }

    @Override
    public String projectId() {
        return projectId;
    }

    public List<I> items() {
        return items;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public List<ItemBatch<I>> halves() {
        int middle = items.size() / 2;
        return List.of(
                new ItemBatch<>(projectId, items.subList(0, middle), encoded.subList(0, middle)),
                new ItemBatch<>(projectId, items.subList(middle, items.size()), encoded.subList(middle, items.size())));
    }

    /** A batch of this batch's smallest item alone. */
    public ItemBatch<I> smallest() {
        int best = 0;
        for (int i = 1; i < items.size(); i++) {
            if (encoded.get(i).length < encoded.get(best).length) {
                best = i;
            }
        }
        return new ItemBatch<>(projectId, List.of(items.get(best)), List.of(encoded.get(best)));
    }

    /** The items {@code keep} accepts, in order (this batch itself when it accepts all). */
    public ItemBatch<I> only(Predicate<I> keep) {
        List<I> kept = new ArrayList<>();
        List<byte[]> keptBytes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (keep.test(items.get(i))) {
                kept.add(items.get(i));
                keptBytes.add(encoded.get(i));
            }
        }
        return kept.size() == items.size() ? this : new ItemBatch<>(projectId, kept, keptBytes);
    }

    /** {@code {"batch":[item,item,...]}}. */
    public byte[] body() {
        return join(encoded);
    }

    /** The length of {@link #body()}, without assembling it. */
    public int bodyLength() {
        return joinedLength(encoded);
    }

    private static int joinedLength(List<byte[]> items) {
        int size = OPEN.length + CLOSE.length + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            size += item.length;
        }
        return size;
    }

    /** {@code {"batch":[...]}} around items already serialised. */
    public static byte[] join(List<byte[]> items) {
        byte[] body = new byte[joinedLength(items)];
        System.arraycopy(OPEN, 0, body, 0, OPEN.length);
        int at = OPEN.length;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] item = items.get(i);
            System.arraycopy(item, 0, body, at, item.length);
            at += item.length;
        }
        System.arraycopy(CLOSE, 0, body, at, CLOSE.length);
        return body;
    }
}
