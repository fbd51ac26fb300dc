package dev.difyweave.backfill.remote;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.messaging.MessageChannel;

import dev.difyweave.backfill.partition.PartitionedSteps;

/**
 * The manager side: partitions become requests on {@code requests} (bridged to RabbitMQ), and the
 * manager polls the shared job repository until every partition finished. Polling, not replies: a
 * restarted manager picks the state up from the repository, and a lost reply cannot hang it.
 */
public final class RemotePartitionedSteps implements PartitionedSteps {

    private final JobRepository jobRepository;
    private final MessageChannel requests;
    private final int partitions;
    private final long pollMillis;

    public RemotePartitionedSteps(JobRepository jobRepository, MessageChannel requests, int partitions,
            long pollMillis) {
        this.jobRepository = jobRepository;
        this.requests = requests;
        this.partitions = partitions;
        this.pollMillis = pollMillis;
    }

    @Override
    public Step manager(String name, Partitioner partitioner, Step worker) {
        return new RemotePartitioningManagerStepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .gridSize(partitions)
                .outputChannel(requests)
                .pollInterval(pollMillis)
                .build();
    }
}
