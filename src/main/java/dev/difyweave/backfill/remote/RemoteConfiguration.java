package dev.difyweave.backfill.remote;

import java.time.Duration;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.config.EnableIntegration;

/**
 * Wiring only, for a manager ({@code migrate --remote}, {@code sync --remote}) or a {@code worker}: the
 * durable queue of partition requests (declared by Spring Boot's RabbitAdmin) and its settings. Spring
 * Integration is switched on here only: a local run starts none of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
@ConditionalOnExpression("'${backfill.role:local}' != 'local'")
public class RemoteConfiguration {

    @Bean
    RemoteSettings remoteSettings(Environment environment) {
        String queue = environment.getProperty("BACKFILL_REMOTE_QUEUE", RemoteSettings.DEFAULT_QUEUE);
        Duration poll = Duration.parse(environment.getProperty("BACKFILL_REMOTE_POLL", "PT1S"));
        return new RemoteSettings(queue, poll);
    }

    @Bean
    Queue partitionRequestQueue(RemoteSettings settings) {
        return QueueBuilder.durable(settings.queue()).build();
    }
}
