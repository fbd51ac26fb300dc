package dev.difyweave.backfill.state;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The executions a new run of a job may have to resume, found in one query of the job repository's tables: of
 * the job's newest instances, those whose last execution neither completed nor was abandoned. Asking the
 * {@code JobRepository} instead loads every instance's last execution with all its step executions and their
 * contexts, several hundred queries at the start of every cron {@code sync} once a few dozen have run.
 */
public final class UnfinishedExecutions {

    /** How many of the newest instances are looked at (an older unfinished one is not resumed by a new run). */
    public static final int NEWEST_INSTANCES = 50;

    private static final String QUERY = """
            SELECT e.job_execution_id
            FROM (SELECT job_instance_id FROM batch_job_instance WHERE job_name = ?
                  ORDER BY job_instance_id DESC LIMIT ?) i
            JOIN batch_job_execution e ON e.job_execution_id =
                (SELECT max(x.job_execution_id) FROM batch_job_execution x WHERE x.job_instance_id = i.job_instance_id)
            WHERE e.status NOT IN ('COMPLETED', 'ABANDONED')
            ORDER BY i.job_instance_id DESC""";

    private final JdbcTemplate state;

    public UnfinishedExecutions(JdbcTemplate state) {
        this.state = state;
    }

    /** Ids of the last executions of the job's newest unfinished instances, newest instance first. */
    public List<Long> of(String jobName) {
        return state.queryForList(QUERY, Long.class, jobName, NEWEST_INSTANCES);
    }
}
