package dev.difyweave.backfill.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL (the default state store under ./var/) takes no login without its
 * password: not over TCP without one or with a wrong one; the password is in a 0600 file beside the
 * data directory; the Unix socket is in a directory only this user can enter; and a data directory
 * an earlier version made (trusting every local connection) gets the password too.
 */
class EmbeddedPostgresAccessTest {

    @Test
    void aLoginWithoutThePasswordIsRefusedAndThePasswordFileIsOwnerOnly(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        Path passwordFile = dir.resolve("pg.password");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data)) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
            assertRefused(url, null);
            assertRefused(url, "");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

            assertThat(passwordFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(24);
            try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
                Path sockets = Path.of(show(c, "unix_socket_directories"));
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets))).isEqualTo("rwx------");
                assertThat(Files.getOwner(sockets).getName()).isEqualTo(System.getProperty("user.name"));
                assertThat(show(c, "password_encryption")).isEqualTo("scram-sha-256");
            }
            try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
            }
        }

        String password = Files.readString(passwordFile, StandardCharsets.UTF_8);
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.startPersistent(data)) {
            assertThat(Files.readString(passwordFile, StandardCharsets.UTF_8)).as("kept across restarts").isEqualTo(password);
            assertRefused(again.jdbcUrl("postgres"), null);
            try (Connection c = again.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survives");
            }
        }
    }

    @Test
    void aDataDirectoryThatTrustedEveryLocalLoginGetsThePassword(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("old");
        // what earlier versions left behind: zonky's defaults, initdb -A trust
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setLocaleConfig("locale", "C").start()) {
            try (Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"))) {
                assertThat(c.isValid(1)).as("the old cluster trusts a login without password").isTrue();
            }
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data)) {
            assertRefused("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", null);
            assertRefused("jdbc:postgresql://localhost:" + server.port() + "/postgres", "");
            assertThat(Files.readString(dir.resolve("old.password"), StandardCharsets.UTF_8)).isNotBlank();
            try (Connection c = server.connect("postgres")) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    private static void assertRefused(String url, String password) {
        assertThatThrownBy(() -> {
            try (Connection c = password == null ? DriverManager.getConnection(url + "?user=postgres")
                    : DriverManager.getConnection(url, "postgres", password)) {
                c.isValid(1);
            }
        }).as("a login to %s without the password", url).isInstanceOf(SQLException.class);
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
