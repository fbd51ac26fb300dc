package dev.difyweave.backfill.report;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;

/**
 * With the Pushgateway on ({@code management.prometheus.metrics.export.pushgateway.enabled}), starts
 * Boot's {@link PrometheusPushGatewayManager} and the Prometheus registry it pushes when a job starts
 * (a command's beans are lazy): a command that runs the backfill job pushes its meters every minute
 * and, when its context closes, their final values (a PUT that replaces what the job's group held).
 * {@code status}, {@code stop} and {@code verify} run no job and push nothing, so they never replace a
 * run's values. With the Pushgateway off there is no such bean and nothing happens.
 */
final class PushgatewayAtJobStart implements BeanPostProcessor {

    private final ObjectProvider<PrometheusMeterRegistry> registry;
    private final ObjectProvider<PrometheusPushGatewayManager> pushgateway;

    PushgatewayAtJobStart(ObjectProvider<PrometheusMeterRegistry> registry,
            ObjectProvider<PrometheusPushGatewayManager> pushgateway) {
        this.registry = registry;
        this.pushgateway = pushgateway;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void beforeJob(JobExecution jobExecution) {
                    registry.getIfAvailable();
                    pushgateway.getIfAvailable();
                }
            });
        }
        return bean;
    }
}
