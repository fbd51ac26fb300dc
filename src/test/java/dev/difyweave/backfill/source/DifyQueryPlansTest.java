package dev.difyweave.backfill.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.difyweave.backfill.config.DatabaseSettings;
import dev.difyweave.backfill.job.DataSources;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * How PostgreSQL plans our queries on a Dify database without planner statistics (autovacuum off, a
 * restored dump), through the Dify pool's own session settings.
 */
class DifyQueryPlansTest {

    /**
     * Node executions are found by their run ids alone, and their rows go straight to us: not through the
     * (tenant_id, app_id, workflow_id, triggered_from, ...) index, which a planner without statistics picks
     * for {@code triggered_from = 'workflow-run'} and reads whole, and not copied into a materialized CTE.
     */
    @Test
    void nodeExecutionsOfAPageAreLookedUpByRunIdAlone() {
        try (TestDatabase dify = TestDatabases.createDifyDatabase();
                HikariDataSource source = DataSources.difyReadOnly(
                        new DatabaseSettings(dify.jdbcUrl(), dify.username(), dify.password()), 1, Duration.ofSeconds(90))) {
            JdbcTemplate jdbc = new JdbcTemplate(source);
            String plan = String.join("\n", jdbc.query("EXPLAIN " + DifySql.load("workflow-node-executions").sql(),
                    statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid",
                            new UUID[] {UUID.randomUUID(), UUID.randomUUID()})),
                    (row, i) -> row.getString(1)));

            assertThat(plan).contains("Index Scan using workflow_node_execution_workflow_run_id_idx")
                    .doesNotContain("workflow_node_execution_node_run_idx")
                    .doesNotContain("workflow_node_execution_id_idx")
                    .doesNotContain("CTE");
        }
    }
}
