package dev.difyweave.backfill.remote;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.partition.PartitionedSteps;

/**
 * Wiring only: the manager's partitioned steps send their partition requests through
 * {@code partitionRequests} to the RabbitMQ queue, as JSON ({@link PartitionRequestConverter}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "backfill.role", havingValue = "manager")
public class ManagerConfiguration {

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsToRabbit(DirectChannel partitionRequests, ConnectionFactory connectionFactory,
            RemoteSettings settings) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(new PartitionRequestConverter());
        return IntegrationFlow.from(partitionRequests)
                .handle(Amqp.outboundAdapter(template).routingKey(settings.queue()))
                .get();
    }

    @Bean
    @Primary
    PartitionedSteps remotePartitionedSteps(JobRepository jobRepository, DirectChannel partitionRequests,
            BackfillSettings settings, RemoteSettings remote) {
        return new RemotePartitionedSteps(jobRepository, partitionRequests, settings.tuning().partitions(),
                remote.pollInterval().toMillis());
    }
}
