package dev.difyweave.backfill.job;

import java.util.List;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.RootLoader;

/**
 * The last step of a sync: records the roots its window left because they were not finished yet, so
 * that the next syncs of the same scope send them once they are. Idempotent (a re-run inserts nothing
 * twice). Does nothing for a migrate.
 */
public class RecordPendingTasklet implements Tasklet {

    /** A root kind to look at: its name in backfill_pending and the window's loader (null when not asked for). */
    public record Kind(String name, RootLoader<?> loader) {
    }

    private static final int PAGE = 1000;

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
        if (scope == null) {
            return RepeatStatus.FINISHED;
        }
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
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putLong("backfill.pending_recorded", recorded);
        return RepeatStatus.FINISHED;
    }
}
