package dev.difyweave.backfill.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to an embedded PostgreSQL: over TCP (127.0.0.1 only) with the password of its
 * superuser (SCRAM-SHA-256), and over a Unix socket in a directory only this OS user can enter. The
 * password is generated at random; a persistent server keeps it in a {@code 0600} file next to its
 * data directory ({@code var/state-postgres.password}), so every later start (and a data directory
 * made by an earlier version, which trusted every local connection) uses the same one.
 * {@code pg_hba.conf} is rewritten at every start.
 */
final class EmbeddedAccess {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAccess.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String PG_HBA = """
            # Written by dify-weave-backfill (EmbeddedPostgresServer) at every start; edits are overwritten.
            # TCP (listen_addresses = 127.0.0.1) needs the superuser's password; the Unix socket lives in a
            # directory (mode 0700) that only the OS user running the backfill can enter.
            local   all   all                  trust
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private EmbeddedAccess() {
    }

    /** The file a persistent server's password is kept in: {@code <data dir>.password}, beside it. */
    static Path passwordFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".password");
    }

    /** A fresh random password (URL-safe base64 of 24 random bytes). */
    static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The password kept in {@code file}, made on first use; the file is (made) readable by its owner only. */
    static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file, generate());
            }
            restrict(file);
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("the password file " + file + " is empty; delete it to get a new password");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the password file " + file, e);
        }
    }

    /** Writes the file whole, owner-only from its creation on (a temporary file moved into place). */
    private static void create(Path file, String password) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                log.warn("{} was readable by others; restricting it to its owner (0600)", file);
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions on this file system
        }
    }

    /** Replaces {@code pg_hba.conf} of the data directory with {@link #PG_HBA}. */
    static void writeHba(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDir, e);
        }
    }

    /**
     * A new directory for the server's Unix socket, mode {@code 0700}; its path is passed on
     * {@code postgres}' command line, so it must have no whitespace, and a socket path is at most 107 bytes.
     */
    static Path socketDirectory() {
        try {
            Path dir = Files.createTempDirectory("dwb-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            String path = dir.toAbsolutePath().toString();
            if (path.matches(".*\\s.*") || UnixSocketFactory.socketPath(dir, 65535).toString().length() > 100) {
                Files.delete(dir);
                throw new IllegalStateException("the temporary directory " + dir.getParent() + " is not usable for "
                        + "PostgreSQL's Unix socket (whitespace, or too long a path); set -Djava.io.tmpdir=/tmp");
            }
            // a server not closed explicitly is stopped by zonky's shutdown hook, which empties the directory first
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for PostgreSQL's Unix socket", e);
        }
    }
}
