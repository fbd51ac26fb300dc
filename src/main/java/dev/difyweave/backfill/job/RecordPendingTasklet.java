package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.PendingStore;
import java.util.List;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.RootLoader;

/**
 * The last step of a window: records the roots it left because they were not finished yet (and not
 * stale), so that the next run over the same filters and target ({@code sync} or {@code migrate}) sends
 * them once they are. Idempotent (a re-run inserts nothing twice).
 */
public class RecordPendingTasklet implements Tasklet {

    /** A root kind to look at: its name in backfill_pending and the window's loader (null when not asked for). */
    public record Kind(String name, RootLoader<?> loader) {
    }

    private static final int PAGE = 1000;

    /** Step context key: how many unfinished roots the window left (recorded as pending). */
    public static final String RECORDED = "backfill.pending_recorded";

    private final PendingStore store;
    private final String scope;
    private final List<Kind> kinds;

    public RecordPendingTasklet(PendingStore store, String scope, List<Kind> kinds) {
        this.store = store;
        this.scope = scope;
        this.kinds = kinds;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long recorded = 0;
        for (Kind kind : kinds) {
            if (kind.loader() == null) {
                continue;
            }
            Keyset after = Keyset.FIRST;
            List<Keyset> page;
            do {
                page = kind.loader().unfinishedAfter(after, PAGE);
                store.record(scope, kind.name(), page);
                recorded += page.size();
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1);
                }
            } while (page.size() == PAGE);
        }
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putLong(RECORDED, recorded);
        return RepeatStatus.FINISHED;
    }
}
