package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes the exact {@code /call/upsert_batch} request bodies as JSON Lines, one request per line, into
 * {@code <dir>/weave-requests.jsonl}. Files are created readable by their owner only and forced to
 * disk before the chunk's checkpoint. Each partition of a run has its own sink; every line is one append. A resumed window may append a chunk again; replaying the file
 * is still safe because call ids are deterministic and Weave merges by id.
 */
public final class JsonlExportSink implements TraceSink {

    public static final String FILE_NAME = "weave-requests.jsonl";

    private final FileChannel channel;
    private final long maxBatchBytes;
    private final int maxBatchCalls;
    private final Path file;

    public JsonlExportSink(Path dir, long maxBatchBytes, int maxBatchCalls) {
        this.maxBatchBytes = maxBatchBytes;
        this.maxBatchCalls = maxBatchCalls;
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            file = dir.resolve(FILE_NAME);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException exists) {
                // appended to
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open export file in " + dir, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized List<DeadLetter> write(String projectId, List<WeaveCall> calls) {
        try {
            for (RequestBatch batch : RequestBatch.plan(projectId, calls, maxBatchBytes, maxBatchCalls)) {
                // one write per line: the partitions of a run append to the same file at once (O_APPEND)
                byte[] body = batch.upsertBody();
                ByteBuffer line = ByteBuffer.allocate(body.length + 1).put(body).put((byte) '\n').flip();
                while (line.hasRemaining()) {
                    channel.write(line);
                }
            }
            channel.force(false);
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write export file " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
