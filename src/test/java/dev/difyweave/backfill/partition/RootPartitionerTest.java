package dev.difyweave.backfill.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.backfill.partition.RootPartitioner.RootTable;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** Partition bounds on a real Dify schema: no gap, no overlap, about equal counts, skewed data. */
class RootPartitionerTest {

    private static final SourceWindow ALL = new SourceWindow(LocalDateTime.of(2000, 1, 1, 0, 0),
            LocalDateTime.of(2100, 1, 1, 0, 0), List.of(), List.of());

    private static TestDatabase dify;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void generate() {
        dify = TestDatabases.createDifyDatabase();
        new DifyDataGenerator().generate(dify.dataSource(), DifyDataGenerator.Spec.demo());
        jdbc = new JdbcTemplate(dify.dataSource());
    }

    @AfterAll
    static void drop() {
        dify.close();
    }

    @Test
    void workflowRunPartitionsHoldEveryRunOnceInAboutEqualShares() {
        List<Long> counts = countsPerPartition(RootTable.WORKFLOW_RUNS, ALL, 4,
                "SELECT count(*) FROM workflow_runs WHERE type = 'workflow' AND created_at >= ? AND created_at < ?");
        long total = jdbc.queryForObject("SELECT count(*) FROM workflow_runs WHERE type = 'workflow'", Long.class);

        assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        long share = (total + 3) / 4;
        assertThat(counts).allSatisfy(c -> assertThat(c).isBetween(share - 5, share + 5));
    }

    @Test
    void messageAndConversationPartitionsHoldEveryRowOnce() {
        List<Long> messages = countsPerPartition(RootTable.MESSAGES, ALL, 3,
                "SELECT count(*) FROM messages WHERE created_at >= ? AND created_at < ?");
        assertThat(messages.stream().mapToLong(Long::longValue).sum())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM messages", Long.class));
        assertThat(messages).allSatisfy(c -> assertThat(c).isPositive());

        List<Long> conversations = countsPerPartition(RootTable.CONVERSATIONS, ALL, 2,
                "SELECT count(*) FROM conversations WHERE mode IN ('chat', 'agent-chat', 'advanced-chat')"
                        + " AND name NOT IN ('', 'New conversation') AND created_at >= ? AND created_at < ?");
        assertThat(conversations.stream().mapToLong(Long::longValue).sum()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM conversations WHERE mode IN ('chat', 'agent-chat', 'advanced-chat')"
                        + " AND name NOT IN ('', 'New conversation')", Long.class));
    }

    @Test
    void aTimestampSharedByMostRowsStaysInOnePartitionAndNothingIsLostOrDoubled() {
        LocalDateTime burst = LocalDateTime.of(2026, 3, 3, 3, 3, 3);
        try (TestDatabase skewed = TestDatabases.createDifyDatabase()) {
            new DifyDataGenerator().generate(skewed.dataSource(), DifyDataGenerator.Spec.small());
            JdbcTemplate db = new JdbcTemplate(skewed.dataSource());
            db.update("UPDATE workflow_runs SET created_at = ? WHERE id IN (SELECT id FROM workflow_runs "
                    + "WHERE type = 'workflow' ORDER BY id LIMIT 30)", Timestamp.valueOf(burst));

            RootPartitioner partitioner = new RootPartitioner(db, RootTable.WORKFLOW_RUNS, ALL);
            List<PartitionRange> ranges = ranges(partitioner.partition(4));
            List<Long> counts = new ArrayList<>();
            for (PartitionRange range : ranges) {
                counts.add(range.isEmpty() ? 0L : db.queryForObject("SELECT count(*) FROM workflow_runs WHERE "
                        + "type = 'workflow' AND created_at >= ? AND created_at < ?", Long.class,
                        Timestamp.valueOf(range.from()), Timestamp.valueOf(range.to())));
            }
            assertThat(counts.stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(db.queryForObject("SELECT count(*) FROM workflow_runs WHERE type = 'workflow'", Long.class));
            assertThat(ranges.stream().filter(r -> !r.isEmpty() && !r.from().isAfter(burst) && r.to().isAfter(burst)))
                    .as("the burst lies in exactly one partition").hasSize(1);
            assertThat(counts).anySatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(30));
        }
    }

    @Test
    void anAppFilterIsCountedToo() {
        UUID app = jdbc.queryForObject("SELECT app_id FROM workflow_runs WHERE type = 'workflow' LIMIT 1", UUID.class);
        SourceWindow oneApp = new SourceWindow(ALL.from(), ALL.to(), List.of(app), List.of());
        List<Long> counts = countsPerPartition(RootTable.WORKFLOW_RUNS, oneApp, 2,
                "SELECT count(*) FROM workflow_runs WHERE type = 'workflow' AND app_id = '" + app
                        + "' AND created_at >= ? AND created_at < ?");
        long total = jdbc.queryForObject("SELECT count(*) FROM workflow_runs WHERE type = 'workflow' AND app_id = ?",
                Long.class, app);

        assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(counts).allSatisfy(c -> assertThat(c).isBetween(total / 2 - 3, total / 2 + 3));
    }

    @Test
    void kindsNotAskedForGiveOneEmptyPartition() {
        Map<String, ExecutionContext> partitions = new RootPartitioner(jdbc, RootTable.MESSAGES, null).partition(4);

        assertThat(ranges(partitions)).singleElement().satisfies(r -> assertThat(r.isEmpty()).isTrue());
    }

    @Test
    void aWindowWithNothingToCutIsOnePartitionOverTheWholeWindow() {
        SourceWindow quiet = new SourceWindow(LocalDateTime.of(2001, 1, 1, 0, 0), LocalDateTime.of(2001, 1, 2, 0, 0),
                List.of(), List.of());
        Map<String, ExecutionContext> partitions = new RootPartitioner(jdbc, RootTable.MESSAGES, quiet).partition(4);

        assertThat(ranges(partitions)).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(quiet.from());
            assertThat(r.to()).isEqualTo(quiet.to());
        });
    }

    private static List<Long> countsPerPartition(RootTable table, SourceWindow window, int gridSize, String countSql) {
        List<PartitionRange> ranges = ranges(new RootPartitioner(jdbc, table, window).partition(gridSize));
        assertThat(ranges).hasSize(gridSize);
        List<Long> counts = new ArrayList<>();
        for (PartitionRange range : ranges) {
            counts.add(range.isEmpty() ? 0L : jdbc.queryForObject(countSql, Long.class,
                    Timestamp.valueOf(range.from()), Timestamp.valueOf(range.to())));
        }
        return counts;
    }

    private static List<PartitionRange> ranges(Map<String, ExecutionContext> partitions) {
        return partitions.entrySet().stream()
                .map(e -> PartitionRange.fromContext(e.getKey(), e.getValue().toMap())).toList();
    }
}
