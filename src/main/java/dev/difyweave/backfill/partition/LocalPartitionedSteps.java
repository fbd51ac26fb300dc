package dev.difyweave.backfill.partition;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.TaskExecutor;

/** Partitions run on a bounded pool of threads of this process ({@code --partitions=N}). */
public final class LocalPartitionedSteps implements PartitionedSteps {

    private final JobRepository jobRepository;
    private final TaskExecutor threads;
    private final int partitions;

    public LocalPartitionedSteps(JobRepository jobRepository, TaskExecutor threads, int partitions) {
        this.jobRepository = jobRepository;
        this.threads = threads;
        this.partitions = partitions;
    }

    @Override
    public Step manager(String name, Partitioner partitioner, Step worker) {
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .step(worker)
                .gridSize(partitions)
                .taskExecutor(threads)
                .build();
    }
}
