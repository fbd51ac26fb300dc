package dev.difyweave.backfill.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** The executions a new run may resume: each newest instance's last execution, unless it completed or was abandoned. */
class UnfinishedExecutionsTest {

    private TestDatabase db;
    private JdbcTemplate state;

    @BeforeEach
    void create() {
        db = TestDatabases.createFresh("unfinished");
        StateSchema.ensure(db.dataSource());
        state = new JdbcTemplate(db.dataSource());
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private void instance(long id, String job) {
        state.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, ?, ?)",
                id, job, "key" + id);
    }

    private void execution(long id, long instance, String status) {
        state.update("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status)"
                + " VALUES (?, 0, ?, now(), ?)", id, instance, status);
    }

    @Test
    void theLastExecutionOfEachInstanceDecidesNewestInstanceFirst() {
        instance(1, "backfill");
        execution(10, 1, "FAILED");
        execution(11, 1, "COMPLETED"); // failed, then completed on restart: nothing to resume
        instance(2, "backfill");
        execution(20, 2, "COMPLETED");
        execution(21, 2, "STOPPED"); // the last one counts, not the completed one before it
        instance(3, "backfill");
        execution(30, 3, "FAILED");
        instance(4, "backfill");
        execution(40, 4, "ABANDONED");
        instance(5, "backfill");
        execution(50, 5, "STARTED"); // left by a killed process
        instance(6, "backfill"); // no execution yet
        instance(7, "other-job");
        execution(70, 7, "FAILED");

        assertThat(new UnfinishedExecutions(state).of("backfill")).containsExactly(50L, 30L, 21L);
    }

    @Test
    void onlyTheNewestInstancesAreLookedAt() {
        instance(1, "backfill");
        execution(1, 1, "FAILED");
        for (long i = 2; i <= UnfinishedExecutions.NEWEST_INSTANCES + 1; i++) {
            instance(i, "backfill");
            execution(i, i, "COMPLETED");
        }

        assertThat(new UnfinishedExecutions(state).of("backfill")).isEmpty();
        execution(1000, UnfinishedExecutions.NEWEST_INSTANCES + 1, "FAILED");
        assertThat(new UnfinishedExecutions(state).of("backfill")).containsExactly(1000L);
    }
}
