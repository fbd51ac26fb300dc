package dev.difyweave.backfill.partition;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/**
 * Builds the manager step that runs a worker step once per partition: on local threads
 * ({@link LocalPartitionedSteps}) or on worker processes over RabbitMQ ({@code remote}). The job's
 * wiring is the same either way.
 */
public interface PartitionedSteps {

    Step manager(String name, Partitioner partitioner, Step worker);
}
