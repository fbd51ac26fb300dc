package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of calls sent in one request, each serialised once. Batches are bounded by bytes and by
 * count; a batch can be halved (413, bisecting a 4xx) without serialising anything again.
 */
public final class RequestBatch {

    private static final byte[] OPEN = "{\"batch\":[".getBytes();
    private static final byte[] CLOSE = "]}".getBytes();

    private final String projectId;
    private final List<WeaveCall> calls;
    private final List<byte[]> v1Items;

    private RequestBatch(String projectId, List<WeaveCall> calls, List<byte[]> v1Items) {
        this.projectId = projectId;
        this.calls = calls;
        this.v1Items = v1Items;
    }

    /** Splits calls into batches of at most {@code maxBytes} (bodies) and {@code maxCalls} calls. */
    public static List<RequestBatch> plan(String projectId, List<WeaveCall> calls, long maxBytes, int maxCalls) {
        List<RequestBatch> batches = new ArrayList<>();
        List<WeaveCall> current = new ArrayList<>();
        List<byte[]> items = new ArrayList<>();
        long bytes = OPEN.length + CLOSE.length;
        for (WeaveCall call : calls) {
            byte[] item = call.upsertItems(projectId);
            if (!current.isEmpty() && (bytes + item.length + 1 > maxBytes || current.size() >= maxCalls)) {
                batches.add(new RequestBatch(projectId, current, items));
                current = new ArrayList<>();
                items = new ArrayList<>();
                bytes = OPEN.length + CLOSE.length;
            }
            current.add(call);
            items.add(item);
            bytes += item.length + 1;
        }
        if (!current.isEmpty()) {
            batches.add(new RequestBatch(projectId, current, items));
        }
        return batches;
    }

    public String projectId() {
        return projectId;
    }

    public List<WeaveCall> calls() {
        return calls;
    }

    public int size() {
        return calls.size();
    }

    public List<RequestBatch> halves() {
        int middle = calls.size() / 2;
        return List.of(
                new RequestBatch(projectId, calls.subList(0, middle), v1Items.subList(0, middle)),
                new RequestBatch(projectId, calls.subList(middle, calls.size()), v1Items.subList(middle, calls.size())));
    }

    /** A batch of this batch's smallest call alone. */
    public RequestBatch smallest() {
        int best = 0;
        for (int i = 1; i < calls.size(); i++) {
            if (v1Items.get(i).length < v1Items.get(best).length) {
                best = i;
            }
        }
        return new RequestBatch(projectId, List.of(calls.get(best)), List.of(v1Items.get(best)));
    }

    /** The {@code /call/upsert_batch} body: start and end of each call, in the same request. */
    public byte[] upsertBody() {
        return join(v1Items);
    }

    /** The {@code /v2/{entity}/{project}/calls/complete} body: one completed call per item. */
    public byte[] completeBody() {
        List<byte[]> items = new ArrayList<>(calls.size());
        for (WeaveCall call : calls) {
            items.add(WeaveJson.completeItem(projectId, call));
        }
        return join(items);
    }

    private static byte[] join(List<byte[]> items) {
        int size = OPEN.length + CLOSE.length + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            size += item.length;
        }
        byte[] body = new byte[size];
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
