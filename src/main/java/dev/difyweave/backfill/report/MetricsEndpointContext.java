package dev.difyweave.backfill.report;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.difyweave.backfill.weave.DeliveryStats;

/**
 * Wiring only: the context of {@link MetricsEndpoint}, the exact auto-configurations it needs (the
 * Prometheus and observation registries, JVM and process meters, Tomcat, the dispatcher servlet and the
 * actuator's web endpoint), and the process's {@link DeliveryStats} with its meters. Deliberately no
 * {@code @Configuration}: the command contexts' component scan must not pick it up.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, MetricsAutoConfiguration.class,
        PrometheusMetricsExportAutoConfiguration.class, JvmMetricsAutoConfiguration.class,
        SystemMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class})
class MetricsEndpointContext {

    @Bean
    DeliveryStats deliveryStats() {
        return new DeliveryStats();
    }

    @Bean
    BackfillMetrics backfillMetrics(DeliveryStats stats) {
        return new BackfillMetrics(stats);
    }
}
