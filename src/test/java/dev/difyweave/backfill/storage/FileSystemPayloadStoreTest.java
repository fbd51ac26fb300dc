package dev.difyweave.backfill.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemPayloadStoreTest {

    @TempDir
    Path root;

    @Test
    void readsTheObjectAtRootPlusKey() throws Exception {
        Path file = root.resolve("upload_files/tenant-1/abc.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"text\": \"full\"}");

        byte[] content = new FileSystemPayloadStore(root).read("upload_files/tenant-1/abc.json");

        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"text\": \"full\"}");
    }

    @Test
    void aMissingObjectSaysWhichFile() {
        assertThatThrownBy(() -> new FileSystemPayloadStore(root).read("upload_files/t/missing.json"))
                .isInstanceOf(PayloadUnavailableException.class)
                .hasMessageContaining("no file")
                .hasMessageContaining(root.resolve("upload_files/t/missing.json").toString());
    }

    @Test
    void keysThatLeaveTheRootAreRefused() throws Exception {
        Path outside = root.resolveSibling(root.getFileName() + "-secret.json");
        Files.writeString(outside, "{}");
        try {
            FileSystemPayloadStore store = new FileSystemPayloadStore(root);
            assertThatThrownBy(() -> store.read("../" + outside.getFileName()))
                    .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("leads out of");
            assertThatThrownBy(() -> store.read(outside.toString()))
                    .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("absolute");
            assertThatThrownBy(() -> store.read(" "))
                    .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("empty");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aDirectoryIsNotAnObject() throws Exception {
        Files.createDirectories(root.resolve("upload_files/t"));
        assertThatThrownBy(() -> new FileSystemPayloadStore(root).read("upload_files/t"))
                .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void withoutStorageEveryReadIsUnavailableWithTheReason() {
        assertThatThrownBy(() -> NoPayloadStore.INSTANCE.read("upload_files/t/x.json"))
                .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("DIFY_STORAGE_PATH");
    }
}
