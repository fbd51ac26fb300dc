package dev.difyweave.backfill.report;

import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.difyweave.backfill.weave.DeliveryStats;

/**
 * Wiring only: the step listeners of the run report and progress, the backfill's meters, and the
 * Prometheus Pushgateway started with a job when it is on.
 */
@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {

    /** Static: a post-processor is created before the beans it processes. */
    @Bean
    static StepListenerRegistrar reportStepListenerRegistrar(ObjectProvider<DeliveryStats> stats,
            Environment environment) {
        return new StepListenerRegistrar(stats, environment.getProperty(ProgressListener.INTERVAL_PROPERTY,
                Duration.class, ProgressListener.DEFAULT_LOG_INTERVAL));
    }

    @Bean
    static PushgatewayAtJobStart pushgatewayAtJobStart(ObjectProvider<PrometheusMeterRegistry> registry,
            ObjectProvider<PrometheusPushGatewayManager> pushgateway) {
        return new PushgatewayAtJobStart(registry, pushgateway);
    }

    @Bean
    BackfillMetrics backfillMetrics(DeliveryStats stats) {
        return new BackfillMetrics(stats);
    }
}
