package dev.difyweave.backfill.remote;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;

/**
 * Wiring only, for a manager ({@code migrate --remote}, {@code sync --remote}) or a {@code worker}: the
 * durable queue of partition requests (declared by Spring Boot's RabbitAdmin) and its settings
 * ({@link RemoteSettings}, {@code backfill.remote.*}). Spring Integration is switched on here only: a
 * local run starts none of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
@ConditionalOnExpression("'${backfill.role:local}' != 'local'")
@EnableConfigurationProperties(RemoteSettings.class)
public class RemoteConfiguration {

    @Bean
    Queue partitionRequestQueue(RemoteSettings settings) {
        return QueueBuilder.durable(settings.queue()).build();
    }
}
