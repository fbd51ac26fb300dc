package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.call.WeaveJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of calls sent in one request, each serialised once as upsert items ({@link ItemBatch}).
 * Batches are bounded by bytes and by count; a batch can be halved (413, bisecting a 4xx) without
 * serialising anything again.
 */
public final class RequestBatch implements Halvable<RequestBatch> {

    private final ItemBatch<WeaveCall> calls;

    private RequestBatch(ItemBatch<WeaveCall> calls) {
        this.calls = calls;
    }

    /** Splits calls into batches of at most {@code maxBytes} (bodies) and {@code maxCalls} calls. */
    public static List<RequestBatch> plan(String projectId, List<WeaveCall> calls, long maxBytes, int maxCalls) {
        return ItemBatch.plan(projectId, calls, call -> call.upsertItems(projectId), maxBytes, maxCalls).stream()
                .map(RequestBatch::new)
                .toList();
    }

    @Override
    public String projectId() {
        return calls.projectId();
    }

    public List<WeaveCall> calls() {
        return calls.items();
    }

    @Override
    public int size() {
        return calls.size();
    }

    @Override
    public List<RequestBatch> halves() {
        return calls.halves().stream().map(RequestBatch::new).toList();
    }

    /** A batch of this batch's smallest call alone. */
    public RequestBatch smallest() {
        return new RequestBatch(calls.smallest());
    }

    /** The {@code /call/upsert_batch} body: start and end of each call, in the same request. */
    public byte[] upsertBody() {
        return calls.body();
    }

    /** The length of {@link #upsertBody()}, without assembling it (what a dry run counts). */
    public int upsertBodyLength() {
        return calls.bodyLength();
    }

    /** The {@code /v2/{entity}/{project}/calls/complete} body: one completed call per item. */
    public byte[] completeBody() {
        List<byte[]> items = new ArrayList<>(size());
        for (WeaveCall call : calls()) {
            items.add(WeaveJson.completeItem(projectId(), call));
        }
        return ItemBatch.join(items);
    }
}
