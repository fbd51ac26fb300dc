package dev.difyweave.demo.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Generator option: node payload columns whose JSON is longer than {@code aboveBytes} are offloaded
 * as Dify (>= 1.9) does: the full JSON goes to storage ({@code sink}) under an {@code upload_files}
 * key, the column keeps a truncated JSON, and a {@code workflow_node_execution_offload} row links
 * them.
 */
public record PayloadOffload(int aboveBytes, ObjectSink sink) {

    public PayloadOffload {
        Objects.requireNonNull(sink, "sink");
        if (aboveBytes < 1) {
            throw new IllegalArgumentException("aboveBytes must be at least 1, was " + aboveBytes);
        }
    }

    /** Where the generator puts storage objects: Dify's storage keyed by {@code upload_files.key}. */
    @FunctionalInterface
    public interface ObjectSink {

        void put(String key, byte[] content) throws IOException;

        /** Dify's local storage layout: the object of {@code key} at {@code <root>/<key>}. */
        static ObjectSink directory(Path root) {
            return (key, content) -> {
                Path file = root.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            };
        }
    }
}
