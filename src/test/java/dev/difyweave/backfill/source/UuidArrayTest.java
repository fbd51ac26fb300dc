package dev.difyweave.backfill.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * A {@code uuid[]} parameter reaches PostgreSQL as the same array whether the connection sends it in binary (as
 * the product's pools do) or as text (a connection without the property), the empty array included.
 */
class UuidArrayTest {

    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabases.createFresh("uuidarray");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aConnectionThatSendsUuidArraysInBinarySendsTheIdsInOrder() throws Exception {
        List<UUID> ids = ids(400);
        UuidArray array = UuidArray.of(ids);
        try (Connection binary = connect(true)) {
            assertThat(unnested(binary, array)).containsExactlyElementsOf(ids);
            assertThat(textOf(binary, array)).isEqualTo(arrayText(ids));
        }
        assertThat(madeText(array)).as("sent in binary: no array text made").isFalse();
    }

    @Test
    void aConnectionWithoutThePropertyGetsTheArrayAsText() throws Exception {
        List<UUID> ids = ids(3);
        UuidArray array = UuidArray.of(ids);
        try (Connection text = connect(false)) {
            assertThat(unnested(text, array)).containsExactlyElementsOf(ids);
        }
        assertThat(madeText(array)).isTrue();
        assertThat(array.getValue()).isEqualTo(arrayText(ids));
    }

    @Test
    void theEmptyArrayIsEmptyBothWays() throws Exception {
        for (boolean binary : new boolean[] {true, false}) {
            try (Connection connection = connect(binary);
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT cardinality(?::uuid[]), ?::uuid[] = '{}'::uuid[]")) {
                statement.setObject(1, UuidArray.of(List.of()));
                statement.setObject(2, UuidArray.of(List.of()));
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    assertThat(row.getInt(1)).as("binary " + binary).isZero();
                    assertThat(row.getBoolean(2)).as("binary " + binary).isTrue();
                }
            }
        }
        assertThat(UuidArray.of(List.of()).getValue()).isEqualTo("{}");
    }

    @Test
    void theSameIdsAreEqualValues() {
        List<UUID> ids = ids(5);
        assertThat(UuidArray.of(ids)).isEqualTo(UuidArray.of(new ArrayList<>(ids)))
                .hasSameHashCodeAs(UuidArray.of(ids)).isNotEqualTo(UuidArray.of(ids.subList(0, 4)));
    }

    private static List<UUID> unnested(Connection connection, UuidArray array) throws SQLException {
        List<UUID> back = new ArrayList<>();
        // the server prepares a statement from its fifth run on: bind it on both sides of that
        for (int run = 0; run < 6; run++) {
            back.clear();
            try (PreparedStatement statement = connection.prepareStatement("SELECT unnest(?::uuid[]) AS id")) {
                statement.setObject(1, array);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        back.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        }
        return back;
    }

    private static String textOf(Connection connection, UuidArray array) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT (?::uuid[])::text")) {
            statement.setObject(1, array);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static Connection connect(boolean binary) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", db.username());
        if (db.password() != null) {
            properties.setProperty("password", db.password());
        }
        if (binary) {
            properties.setProperty(UuidArray.BINARY_TRANSFER_ENABLE, UuidArray.UUID_ARRAY_OID);
        }
        return DriverManager.getConnection(db.jdbcUrl(), properties);
    }

    /** Whether the array's text was made (PGobject keeps it in {@code value} once made). */
    private static boolean madeText(UuidArray array) throws ReflectiveOperationException {
        Field value = PGobject.class.getDeclaredField("value");
        value.setAccessible(true);
        return value.get(array) != null;
    }

    private static List<UUID> ids(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        ids.add(new UUID(0, 0));
        ids.add(new UUID(-1, -1));
        return ids;
    }

    private static String arrayText(List<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }
}
