package dev.difyweave.backfill.remote;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;

import dev.difyweave.backfill.config.BackfillSettings;

/**
 * Wiring only, for the {@code worker} command: consumes partition requests one at a time per consumer
 * (prefetch 1, acknowledged only after the partition finished, so a killed worker's request is
 * redelivered) with as many consumers as {@code --partitions}, and runs them with
 * {@link PartitionRequestHandler}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "backfill.role", havingValue = "worker")
public class WorkerConfiguration {

    @Bean
    PartitionRequestHandler partitionRequestHandler(JobRepository jobRepository, List<Step> steps, DataSource dataSource) {
        Map<String, Step> byName = new HashMap<>();
        steps.forEach(step -> byName.put(step.getName(), step));
        return new PartitionRequestHandler(jobRepository, byName, dataSource, workerId(), Duration.ofSeconds(1));
    }

    @Bean
    IntegrationFlow partitionRequestsFromRabbit(ConnectionFactory connectionFactory, RemoteSettings remote,
            BackfillSettings settings, PartitionRequestHandler handler) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(remote.queue());
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(settings.tuning().partitions());
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        container.setMissingQueuesFatal(false);
        container.setShutdownTimeout(GRACE.toMillis());
        return IntegrationFlow.from(Amqp.inboundAdapter(container).messageConverter(new PartitionRequestConverter()))
                .handle(handler, "handle")
                .get();
    }

    /** How long a stopping worker waits for its partitions to reach a chunk boundary. */
    static final Duration GRACE = Duration.ofSeconds(60);

    /** {@code host:pid}, as it appears in the job repository and the logs. */
    static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
