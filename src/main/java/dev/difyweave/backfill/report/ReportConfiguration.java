package dev.difyweave.backfill.report;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.difyweave.backfill.weave.DeliveryStats;

/** Wiring only: the step listeners of the run report and progress, and the backfill's meters. */
@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {

    /** Static: a post-processor is created before the beans it processes. */
    @Bean
    static StepListenerRegistrar reportStepListenerRegistrar(ObjectProvider<DeliveryStats> stats) {
        return new StepListenerRegistrar(stats);
    }

    @Bean
    BackfillMetrics backfillMetrics(DeliveryStats stats) {
        return new BackfillMetrics(stats);
    }
}
