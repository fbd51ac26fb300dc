package dev.difyweave.backfill.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.testsupport.DifySchemaVariant;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** The schema profile of the newest Dify schema and of older ones made from it. */
class DifySchemaProfileTest {

    @Test
    void theNewestSchemaHasEverything() {
        try (TestDatabase db = TestDatabases.createDifyDatabase()) {
            DifySchemaProfile profile = DifySchemaProfile.detect(new JdbcTemplate(db.dataSource()));

            assertThat(profile.alembicRevision()).isEqualTo(DifySchemaProfile.KNOWN_HEAD);
            assertThat(profile.hasMessageAppMode()).isTrue();
            assertThat(profile.hasToolMetaStr()).isTrue();
            assertThat(profile.hasOffloadTable()).isTrue();
            assertThat(profile.hasCreatedAtIdIndexes()).isTrue();
            assertThat(profile.missingRequiredTables()).isEmpty();
            assertThat(profile.versionRange()).isEqualTo("Dify 1.13.3 or later (alembic head 6b5f9f8b1a2c)");
            assertThat(profile.implications()).containsExactly("offload table present");
        }
    }

    @ParameterizedTest
    @EnumSource(DifySchemaVariant.class)
    void anOlderSchemaIsRecognisedByWhatItLacks(DifySchemaVariant variant) {
        try (TestDatabase db = TestDatabases.createDifyDatabase()) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            variant.apply(jdbc);

            DifySchemaProfile profile = DifySchemaProfile.detect(jdbc);

            assertThat(profile.alembicRevision()).isEqualTo(variant.revision());
            assertThat(profile.versionRange()).startsWith(variant.versionRange());
            assertThat(profile.hasCreatedAtIdIndexes()).isFalse();
            assertThat(profile.describe()).startsWith(variant.versionRange()).contains("alembic " + variant.revision())
                    .contains("no (created_at, id) indexes");
            boolean appMode = variant == DifySchemaVariant.DIFY_1_10;
            assertThat(profile.hasMessageAppMode()).isEqualTo(appMode);
            assertThat(profile.describe().contains("no messages.app_mode")).isEqualTo(!appMode);
            boolean offload = variant == DifySchemaVariant.DIFY_1_10 || variant == DifySchemaVariant.DIFY_1_9;
            assertThat(profile.hasOffloadTable()).isEqualTo(offload);
            assertThat(profile.describe()).contains(offload ? "offload table present" : "no offload table");
            assertThat(profile.hasToolMetaStr()).isEqualTo(variant != DifySchemaVariant.NO_TOOL_META);
            assertThat(profile.missingRequiredTables()).isEmpty();
        }
    }

    @Test
    void aDatabaseWithoutDifyTablesSaysSo() {
        try (TestDatabase db = TestDatabases.createFresh("notdify")) {
            DifySchemaProfile profile = DifySchemaProfile.detect(new JdbcTemplate(db.dataSource()));

            assertThat(profile.alembicRevision()).isNull();
            assertThat(profile.missingRequiredTables()).contains("messages", "workflow_runs");
            assertThat(profile.describe()).contains("alembic none").contains("MISSING TABLES");
        }
    }

    @Test
    void optionalColumnsBecomeNullWhereTheColumnIsMissing() {
        String sql = "SELECT {{t.tool_meta_str if message_agent_thoughts.tool_meta_str}} AS tool_meta_str,\n"
                + "COALESCE(a.mode, {{ m.app_mode if messages.app_mode }}, c.mode)";

        assertThat(DifySql.optionalColumns(sql, (table, column) -> true))
                .isEqualTo("SELECT t.tool_meta_str AS tool_meta_str,\nCOALESCE(a.mode, m.app_mode, c.mode)");
        assertThat(DifySql.optionalColumns(sql, (table, column) -> !column.equals("app_mode")))
                .isEqualTo("SELECT t.tool_meta_str AS tool_meta_str,\nCOALESCE(a.mode, NULL, c.mode)");
        assertThat(DifySql.optionalColumns(sql, (table, column) -> false))
                .isEqualTo("SELECT NULL AS tool_meta_str,\nCOALESCE(a.mode, NULL, c.mode)");
    }

    @Test
    void everyQueryLoadsForTheOldestSchemaWithoutPlaceholdersLeft() {
        for (String name : java.util.List.of("messages-page", "message-agent-thoughts")) {
            assertThat(DifySql.load(name, (table, column) -> false).sql()).doesNotContain("{{").doesNotContain("}}")
                    .doesNotContain(" if ").contains("NULL");
        }
    }
}
