package dev.difyweave.backfill.weave;

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
 * A JSON Lines export file, created readable by its owner only (in a directory only its owner can
 * enter, when it makes one) and appended to: each line is one write, so the partitions of a run can
 * append to the same file at once (O_APPEND); {@link #append} forces the lines to disk before it returns,
 * that is before the checkpoint that follows.
 */
public final class JsonlFile implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;

    public JsonlFile(Path dir, String name) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            file = dir.resolve(name);
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

    public Path path() {
        return file;
    }

    /** Appends each of {@code lines} (JSON without a line break) as one line, then forces them to disk. */
    public synchronized void append(List<byte[]> lines) {
        try {
            for (byte[] json : lines) {
                ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
                while (line.hasRemaining()) {
                    channel.write(line);
                }
            }
            channel.force(false);
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
