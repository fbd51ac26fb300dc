package dev.difyweave.backfill.report;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.batch.core.step.tasklet.TaskletStep;

import dev.difyweave.backfill.weave.DeliveryStats;

/**
 * Adds the report's listeners to every chunk-oriented step bean, without touching the job's wiring:
 * a {@link ProgressListener} (progress lines on a terminal, logged otherwise) and a
 * {@link DeliveryStatsRecorder} (what the step sent, into its context for the run report). It changes
 * nothing else about the beans it sees.
 */
final class StepListenerRegistrar implements BeanPostProcessor {

    private final ObjectProvider<DeliveryStats> stats;
    private final Duration progressInterval;

    /** @param progressInterval between two logged progress lines (off a terminal) */
    StepListenerRegistrar(ObjectProvider<DeliveryStats> stats, Duration progressInterval) {
        this.stats = stats;
        this.progressInterval = progressInterval;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChunkOrientedStep step) {
            step.registerStepExecutionListener(ProgressListener.forThisProcess(progressInterval));
            DeliveryStatsRecorder recorder = new DeliveryStatsRecorder(stats::getIfAvailable);
            step.registerStepExecutionListener(recorder);
            step.registerChunkListener(recorder);
        } else if (bean instanceof TaskletStep step) {
            // the feedback step: what it sent is recorded at its end (a killed run's requests are not counted)
            step.registerStepExecutionListener(new DeliveryStatsRecorder(stats::getIfAvailable));
        }
        return bean;
    }
}
