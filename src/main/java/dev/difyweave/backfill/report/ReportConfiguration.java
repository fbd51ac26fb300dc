package dev.difyweave.backfill.report;

import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.difyweave.backfill.weave.DeliveryStats;

/**
 * Wiring only: the step listeners of the run report and progress, the backfill's meters, and the
 * Prometheus Pushgateway started with the context when it is on (a command's beans are lazy otherwise).
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

    /** Static: read before any bean is created. Matches nothing while the Pushgateway is off. */
    @Bean
    static LazyInitializationExcludeFilter pushgatewayStartsWithTheContext() {
        return LazyInitializationExcludeFilter.forBeanTypes(PrometheusPushGatewayManager.class,
                PrometheusMeterRegistry.class);
    }

    @Bean
    BackfillMetrics backfillMetrics(DeliveryStats stats) {
        return new BackfillMetrics(stats);
    }
}
