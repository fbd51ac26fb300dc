package dev.difyweave.backfill.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.difyweave.backfill.state.EmbeddedPostgresServer;
import dev.difyweave.demo.generator.SqlScript;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests run against, and fresh databases on it.
 *
 * <p>The server is chosen once per JVM, on first use, in this order:
 * <ol>
 *   <li>{@code BACKFILL_TEST_JDBC_URL} (+ {@code BACKFILL_TEST_JDBC_USER}, {@code BACKFILL_TEST_JDBC_PASSWORD}):
 *       when set it is the only candidate, so a broken setting fails instead of silently testing elsewhere;</li>
 *   <li>a Testcontainers PostgreSQL 15 container, if a Docker daemon is reachable;</li>
 *   <li>the local server at {@code jdbc:postgresql://127.0.0.1:5432/postgres} as {@code postgres}, then {@code root};</li>
 *   <li>an embedded PostgreSQL ({@link EmbeddedPostgresServer#startEphemeral()}).</li>
 * </ol>
 * If none works, every call throws {@link IllegalStateException}: tests fail, they are never skipped.
 */
public final class TestDatabases {

    public static final String DIFY_SCHEMA = "sql/fixtures/dify-schema.sql";

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Server server;
    private static IllegalStateException failure;

    private TestDatabases() {
    }

    /** Creates an empty database named {@code <prefix>_<random>} (lower case) on the test server. */
    public static TestDatabase createFresh(String prefix) {
        String base = prefix.toLowerCase(Locale.ROOT);
        if (!base.matches("[a-z_][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("Database prefix must be letters, digits and '_': " + prefix);
        }
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String name = base + "_" + HexFormat.of().formatHex(suffix);
        Server s = server();
        try (Connection admin = s.connect(s.adminUrl); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + s.description + ": " + e.getMessage(), e);
        }
        return new TestDatabase(s, name);
    }

    /**
     * A database already on the test server, used as it is and never dropped (a benchmark's kept dataset, or a
     * copy of a real Dify database restored there).
     */
    public static TestDatabase existing(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Database name must be lower-case letters, digits and '_': " + name);
        }
        TestDatabase db = new TestDatabase(server(), name);
        db.keep();
        return db;
    }

    /** A fresh database holding Dify's schema ({@value #DIFY_SCHEMA}). */
    public static TestDatabase createDifyDatabase() {
        TestDatabase db = createFresh("dify");
        try (Connection c = db.connect()) {
            SqlScript.run(c, DIFY_SCHEMA);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw new IllegalStateException("Cannot load " + DIFY_SCHEMA + " into " + db.name() + ": " + e.getMessage(), e);
        }
        return db;
    }

    /** Which server the tests use, for logs (no password). */
    public static String serverDescription() {
        return server().description;
    }

    private static synchronized Server server() {
        if (server == null && failure == null) {
            try {
                server = choose();
                log.info("Tests use {}", server.description);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return server;
    }

    private static Server choose() {
        String url = System.getenv("BACKFILL_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("BACKFILL_TEST_JDBC_USER", "postgres");
            Server configured = new Server("BACKFILL_TEST_JDBC_URL " + withoutParameters(url) + " (user " + user + ")",
                    url, user, System.getenv("BACKFILL_TEST_JDBC_PASSWORD"));
            try {
                return configured.verified();
            } catch (SQLException e) {
                throw new IllegalStateException("BACKFILL_TEST_JDBC_URL is set but not usable ("
                        + configured.description + "): " + e.getMessage(), e);
            }
        }

        List<String> tried = new ArrayList<>();
        Server container = startContainer(tried);
        if (container != null) {
            return container;
        }
        for (String user : List.of("postgres", "root")) {
            Server local = new Server("local PostgreSQL " + LOCAL_URL + " (user " + user + ")", LOCAL_URL, user, null);
            try {
                return local.verified();
            } catch (SQLException e) {
                tried.add(local.description + ": " + e.getMessage());
            }
        }
        try {
            EmbeddedPostgresServer embedded = EmbeddedPostgresServer.startEphemeral(); // zonky stops it at JVM exit
            return new Server("embedded PostgreSQL " + embedded.jdbcUrl("postgres"),
                    embedded.jdbcUrl("postgres"), embedded.username(), embedded.password()).verified();
        } catch (SQLException | RuntimeException e) {
            tried.add("embedded PostgreSQL: " + e);
        }
        throw new IllegalStateException("No PostgreSQL server for tests. Tried: " + String.join("; ", tried)
                + ". Set BACKFILL_TEST_JDBC_URL (and BACKFILL_TEST_JDBC_USER / BACKFILL_TEST_JDBC_PASSWORD).");
    }

    private static Server startContainer(List<String> tried) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            docker = false;
        }
        if (!docker) {
            tried.add("Testcontainers: no Docker daemon");
            return null;
        }
        try {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
            return new Server("Testcontainers " + container.getDockerImageName() + " " + withoutParameters(container.getJdbcUrl()),
                    container.getJdbcUrl(), container.getUsername(), container.getPassword()).verified();
        } catch (Throwable t) {
            tried.add("Testcontainers: " + t);
            return null;
        }
    }

    /** Replaces the database in a {@code jdbc:postgresql://host[:port]/db[?params]} URL. */
    static String withDatabase(String url, String database) {
        String base = withoutParameters(url);
        String params = url.substring(base.length());
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart < 0 ? "jdbc:postgresql:".length() : hostStart + 2);
        String prefix = slash < 0 ? base + "/" : base.substring(0, slash + 1);
        return prefix + database + params;
    }

    /** The URL without its {@code ?...} part, which may carry a password. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** A server tests may create databases on; {@code adminUrl} points at its maintenance database. */
    private static final class Server {
        final String description;
        final String adminUrl;
        final String username;
        final String password;

        Server(String description, String adminUrl, String username, String password) {
            this.description = description;
            this.adminUrl = adminUrl;
            this.username = username;
            this.password = password;
        }

        Connection connect(String url) throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", username);
            if (password != null) {
                props.setProperty("password", password);
            }
            props.setProperty("connectTimeout", "5");
            return DriverManager.getConnection(url, props);
        }

        /** Checks the server answers and lets this user create databases; returns a copy naming the version. */
        Server verified() throws SQLException {
            try (Connection c = connect(adminUrl); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), "
                         + "(SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user)")) {
                rs.next();
                if (!rs.getBoolean(2)) {
                    throw new SQLException("user " + username + " may not create databases");
                }
                return new Server(description + ", PostgreSQL " + rs.getString(1), adminUrl, username, password);
            }
        }
    }

    /** A database of its own for a test; {@link #close()} drops it. */
    public static final class TestDatabase implements AutoCloseable {
        private final Server server;
        private final String name;
        private final String jdbcUrl;
        private HikariDataSource dataSource;
        private boolean closed;
        private boolean kept;

        private TestDatabase(Server server, String name) {
            this.server = server;
            this.name = name;
            this.jdbcUrl = withDatabase(server.adminUrl, name);
        }

        public String name() {
            return name;
        }

        public String jdbcUrl() {
            return jdbcUrl;
        }

        public String username() {
            return server.username;
        }

        /** The password, or null when the server trusts the user. */
        public String password() {
            return server.password;
        }

        /** A small connection pool on this database (created on first use, closed by {@link #close()}). */
        public synchronized DataSource dataSource() {
            if (closed) {
                throw new IllegalStateException("Test database " + name + " is closed");
            }
            if (dataSource == null) {
                HikariConfig config = new HikariConfig();
                config.setPoolName("test-" + name);
                config.setJdbcUrl(jdbcUrl);
                config.setUsername(server.username);
                config.setPassword(server.password);
                config.setMaximumPoolSize(5);
                config.setMinimumIdle(0);
                dataSource = new HikariDataSource(config);
            }
            return dataSource;
        }

        /** A new unpooled connection; the caller closes it. */
        public Connection connect() throws SQLException {
            return server.connect(jdbcUrl);
        }

        /** Leaves the database on the server when closed (a benchmark's data, kept to look at its queries). */
        public synchronized void keep() {
            kept = true;
        }

        /** Closes the pool and drops the database (unless kept), disconnecting whoever is still connected. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (dataSource != null) {
                dataSource.close();
            }
            if (kept) {
                log.info("Kept {}", this);
                return;
            }
            try (Connection admin = server.connect(server.adminUrl); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                log.warn("Cannot drop test database {}: {}", name, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "test database " + name + " on " + server.description;
        }
    }
}
