package dev.difyweave.backfill.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** Resolving a chunk's roots forgets exactly those roots of that scope and kind, in one statement. */
class PendingStoreTest {

    private static final Keyset FIRST = new Keyset(LocalDateTime.parse("2000-01-01T00:00:00"), new UUID(0, 0));

    private TestDatabase db;
    private PendingStore pending;

    @BeforeEach
    void create() {
        db = TestDatabases.createFresh("pending");
        StateSchema.ensure(db.dataSource());
        pending = new PendingStore(new JdbcTemplate(db.dataSource()));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void resolvingAChunkForgetsItsPendingRootsAndNothingElse() {
        List<Keyset> roots = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            roots.add(new Keyset(LocalDateTime.parse("2025-03-01T10:00:00").plusMinutes(i), UUID.randomUUID()));
        }
        pending.record("a", PendingStore.WORKFLOW_RUNS, roots);
        pending.record("a", PendingStore.MESSAGES, roots.subList(0, 2));
        pending.record("b", PendingStore.WORKFLOW_RUNS, roots.subList(0, 2));

        // a chunk of three pending roots, one twice, and roots that were never pending
        pending.resolved("a", PendingStore.WORKFLOW_RUNS, List.of(roots.get(0).id(), roots.get(2).id(),
                roots.get(4).id(), roots.get(0).id(), UUID.randomUUID(), UUID.randomUUID()));

        assertThat(pending.pageAfter("a", PendingStore.WORKFLOW_RUNS, FIRST, 10))
                .containsExactly(roots.get(1), roots.get(3), roots.get(5));
        assertThat(pending.pageAfter("a", PendingStore.MESSAGES, FIRST, 10)).containsExactly(roots.get(0), roots.get(1));
        assertThat(pending.pageAfter("b", PendingStore.WORKFLOW_RUNS, FIRST, 10))
                .containsExactly(roots.get(0), roots.get(1));

        pending.resolved("a", PendingStore.WORKFLOW_RUNS, List.of()); // an empty chunk: nothing asked, nothing lost
        assertThat(pending.count("a")).isEqualTo(5);
    }
}
