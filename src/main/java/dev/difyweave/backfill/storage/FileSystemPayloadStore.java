package dev.difyweave.backfill.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Dify's local storage: OpenDAL's {@code fs} scheme (Dify's default, {@code OPENDAL_FS_ROOT}, "storage"
 * relative to the API's working directory) and the legacy {@code local} type ({@code STORAGE_LOCAL_PATH})
 * both keep an object at {@code <root>/<key>}, e.g. {@code <root>/upload_files/<tenant>/<uuid>.json} or
 * {@code <root>/privkeys/<tenant>/private.pem}.
 */
public final class FileSystemPayloadStore implements PayloadStore {

    private final Path root;

    public FileSystemPayloadStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public byte[] read(String key) throws PayloadUnavailableException {
        Path file = resolve(key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PayloadUnavailableException("no file " + file);
        } catch (AccessDeniedException e) {
            throw new PayloadUnavailableException("file " + file + " is not readable (permission denied)");
        } catch (IOException e) {
            throw new PayloadUnavailableException("file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** {@code <root>/<key>}; a key that is empty, absolute or leads out of the root is refused. */
    Path resolve(String key) throws PayloadUnavailableException {
        if (key == null || key.isBlank()) {
            throw new PayloadUnavailableException("empty storage key");
        }
        Path file;
        try {
            Path relative = Path.of(key);
            if (relative.isAbsolute()) {
                throw new PayloadUnavailableException("storage key '" + key + "' is an absolute path");
            }
            file = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new PayloadUnavailableException("storage key '" + key + "' is not a valid path");
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw new PayloadUnavailableException("storage key '" + key + "' leads out of " + root);
        }
        return file;
    }

    @Override
    public void check() throws PayloadUnavailableException {
        if (!Files.isDirectory(root) || !Files.isReadable(root)) {
            throw new PayloadUnavailableException(root + " is not a readable directory");
        }
    }

    @Override
    public String describe() {
        return "directory " + root;
    }
}
