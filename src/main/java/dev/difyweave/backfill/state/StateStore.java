package dev.difyweave.backfill.state;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.config.Redact;

/**
 * Where the job repository, checkpoints and dead letters live: {@code BACKFILL_DB_*} when set, else
 * an embedded PostgreSQL kept under {@code ./var/} so a one-machine run needs nothing installed.
 */
public final class StateStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateStore.class);
    public static final Path EMBEDDED_DIR = Path.of("var", "state-postgres");
    private static final String EMBEDDED_DATABASE = "backfill";

    private final DatabaseSettings settings;
    private final EmbeddedPostgresServer embedded;

    private StateStore(DatabaseSettings settings, EmbeddedPostgresServer embedded) {
        this.settings = settings;
        this.embedded = embedded;
    }

    public static StateStore open(DatabaseSettings configured) {
        if (configured != null) {
            return new StateStore(configured, null);
        }
        log.info("BACKFILL_DB_URL is not set: using the embedded state store in {}", EMBEDDED_DIR.toAbsolutePath());
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(EMBEDDED_DIR.toAbsolutePath());
        server.createDatabaseIfMissing(EMBEDDED_DATABASE);
        return new StateStore(new DatabaseSettings(server.jdbcUrl(EMBEDDED_DATABASE), server.username(), server.password()), server);
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public String describe() {
        return embedded != null ? "embedded PostgreSQL in " + EMBEDDED_DIR : Redact.url(settings.url());
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
