package dev.difyweave.backfill.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The reader's checkpoint is the last item handed out, not the last row of the page it read: a page may
 * hold more roots than a chunk (conversations' pages hold 1,000) and a restart still resumes right after
 * the last item of the last written chunk.
 */
class KeysetItemReaderTest {

    /** Rows in PostgreSQL's (created_at, id) order, served a page at a time, each page's query counted. */
    private static final class ListSource implements PageSource<Keyset> {

        final List<Keyset> rows = new ArrayList<>();
        int queries;

        ListSource(int n) {
            for (int i = 0; i < n; i++) {
                rows.add(new Keyset(LocalDateTime.of(2025, 1, 1, 0, 0).plusSeconds(i / 2), UUID.randomUUID()));
            }
            rows.sort(Keyset.ORDER);
        }

        @Override
        public Page<Keyset> pageAfter(Keyset after, int limit) {
            queries++;
            List<Keyset> page = rows.stream().filter(r -> Keyset.ORDER.compare(r, after) > 0).limit(limit).toList();
            return Page.of(page, r -> r);
        }

        @Override
        public Keyset keyOf(Keyset item) {
            return item;
        }
    }

    private static List<Keyset> read(KeysetItemReader<Keyset> reader, int count) {
        List<Keyset> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Keyset item = reader.read();
            if (item == null) {
                break;
            }
            items.add(item);
        }
        return items;
    }

    @Test
    void aRestartResumesAfterTheLastItemHandedOutNotAfterThePage() {
        ListSource source = new ListSource(25);
        KeysetItemReader<Keyset> first = new KeysetItemReader<>("conversations", source, 10, Keyset.FIRST);
        ExecutionContext context = new ExecutionContext();
        first.open(context);

        List<Keyset> before = read(first, 7); // a chunk of 7 out of a page of 10
        first.update(context);                 // the checkpoint Spring Batch saves with that chunk
        read(first, 2);                        // read, never written: the process dies here

        KeysetItemReader<Keyset> second = new KeysetItemReader<>("conversations", source, 10, Keyset.FIRST);
        second.open(context);
        List<Keyset> after = read(second, 100);

        List<Keyset> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(all).as("every row once, in order").containsExactlyElementsOf(source.rows);
        assertThat(after.get(0)).isEqualTo(source.rows.get(7));
    }

    @Test
    void itReadsAPageAtATimeAndStopsAfterAShortPage() {
        ListSource source = new ListSource(25);
        KeysetItemReader<Keyset> reader = new KeysetItemReader<>("conversations", source, 10, Keyset.FIRST);
        reader.open(new ExecutionContext());

        assertThat(read(reader, 100)).hasSize(25);
        assertThat(source.queries).as("pages of 10, 10 and 5; the short one is the last").isEqualTo(3);
        assertThat(reader.read()).isNull();
        assertThat(source.queries).isEqualTo(3);
    }
}
