package dev.difyweave.backfill.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the run report's files: {@code report-<job instance id>.json} and {@code .html} in the report
 * directory (created {@code rwx------} when missing), each created {@code rw-------} (owner only) through
 * a temporary file in the same directory and an atomic rename, so a reader never sees half a report and
 * a report written again for the same instance replaces the old one.
 */
public final class ReportFiles {

    /** The default of {@code --report-dir}. */
    public static final Path DEFAULT_DIR = Path.of("var", "reports");

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    /** Where one report went. */
    public record Written(Path json, Path html) {
    }

    private ReportFiles() {
    }

    public static Written write(RunReport report, Path dir) {
        createDirectories(dir);
        String base = "report-" + report.jobInstanceId();
        Path json = report.writeJson(dir.resolve(base + ".json"));
        Path html = report.writeHtml(dir.resolve(base + ".html"));
        return new Written(json, html);
    }

    static Path writePrivate(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Path temp = null;
        try {
            temp = posix() ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attribute(OWNER_FILE))
                    : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            if (posix()) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report file " + file, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the rename did not happen, the error above says why
                }
            }
        }
    }

    private static void createDirectories(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (posix()) {
                Files.createDirectories(dir, attribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + dir, e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
