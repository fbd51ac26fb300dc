package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the exact {@code /call/upsert_batch} request bodies as JSON Lines, one request per line, into
 * {@code <dir>/weave-requests.jsonl}. Files are created readable by their owner only and forced to
 * disk before the chunk's checkpoint. Each partition of a run has its own sink; every line is one append. A resumed window may append a chunk again; replaying the file
 * is still safe because call ids are deterministic and Weave merges by id.
 */
public final class JsonlExportSink implements TraceSink {

    public static final String FILE_NAME = "weave-requests.jsonl";

    private final JsonlFile file;
    private final long maxBatchBytes;
    private final int maxBatchCalls;

    public JsonlExportSink(Path dir, long maxBatchBytes, int maxBatchCalls) {
        this.maxBatchBytes = maxBatchBytes;
        this.maxBatchCalls = maxBatchCalls;
        this.file = new JsonlFile(dir, FILE_NAME);
    }

    public Path file() {
        return file.path();
    }

    @Override
    public List<DeadLetter> write(String projectId, List<WeaveCall> calls) {
        List<byte[]> bodies = new ArrayList<>();
        for (RequestBatch batch : RequestBatch.plan(projectId, calls, maxBatchBytes, maxBatchCalls)) {
            bodies.add(batch.upsertBody());
        }
        file.append(bodies);
        return List.of();
    }

    @Override
    public void close() {
        file.close();
    }
}
