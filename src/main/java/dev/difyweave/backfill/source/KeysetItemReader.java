package dev.difyweave.backfill.source;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * Reads root items page by page in {@code (created_at, id)} order with a row-value keyset predicate
 * (no OFFSET). Its checkpoint is the key of the last item handed out; Spring Batch saves it only
 * after the chunk holding that item was written, so a restart resumes right after the last chunk that
 * Weave accepted.
 */
public class KeysetItemReader<T> extends ItemStreamSupport implements ItemStreamReader<T> {

    private static final String CREATED_AT = "last.created_at";
    private static final String ID = "last.id";

    private final PageSource<T> source;
    private final int pageSize;
    private final Keyset start;
    private final Deque<T> buffer = new ArrayDeque<>();
    private Keyset lastFetched;
    private Keyset lastReturned;
    private boolean exhausted;
    private final RowRate rate;

    public KeysetItemReader(String name, PageSource<T> source, int pageSize, Keyset start) {
        this(name, source, pageSize, start, RowRate.UNLIMITED);
    }

    /** @param rate how fast it may read Dify's rows ({@code --max-rows-per-second}), shared by the process */
    public KeysetItemReader(String name, PageSource<T> source, int pageSize, Keyset start, RowRate rate) {
        setName(name);
        this.source = source;
        this.pageSize = pageSize;
        this.start = start;
        this.rate = rate;
    }

    /** The checkpoint keys use the explicit name, whatever the bean is called. */
    @Override
    public void setBeanName(String beanName) {
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(getExecutionContextKey(ID))) {
            lastReturned = new Keyset(LocalDateTime.parse(context.getString(getExecutionContextKey(CREATED_AT))),
                    UUID.fromString(context.getString(getExecutionContextKey(ID))));
        } else {
            lastReturned = start;
        }
        lastFetched = lastReturned;
        buffer.clear();
        exhausted = false;
    }

    @Override
    public T read() {
        while (buffer.isEmpty() && !exhausted) {
            PageSource.Page<T> page = source.pageAfter(lastFetched, pageSize);
            rate.acquire(page.scanned());
            buffer.addAll(page.items());
            if (page.last() != null) {
                lastFetched = page.last();
            }
            exhausted = page.scanned() < pageSize;
        }
        T item = buffer.poll();
        if (item != null) {
            lastReturned = source.keyOf(item);
        }
        return item;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(getExecutionContextKey(CREATED_AT), lastReturned.createdAt().toString());
        context.putString(getExecutionContextKey(ID), lastReturned.id().toString());
    }

    /** The position a restart would resume from. */
    public Keyset position() {
        return lastReturned;
    }
}
