package dev.difyweave.backfill.job;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.partition.PartitionedSteps;
import dev.difyweave.backfill.partition.RootPartitioner;
import dev.difyweave.backfill.source.KeysetItemReader;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.storage.PayloadStore;

/**
 * The workflow-run steps: the window's runs, one partition per time range, and the runs earlier
 * windows left pending. Wiring only: reading in {@link WorkflowRoots}, mapping in {@code trace}.
 */
@Configuration(proxyBeanMethods = false)
public class WorkflowStepConfiguration {

    public static final String PARTITION = "workflowRunPartition";
    public static final String PENDING_STEP = "pendingWorkflowTraces";

    @Bean
    @Lazy
    WorkflowRoots workflowRoots(@Qualifier("difyDataSource") DataSource dify, PayloadStore payloadStore) {
        return new WorkflowRoots(new JdbcTemplate(dify), payloadStore);
    }

    @Bean
    Step workflowTracesStep(PartitionedSteps partitionedSteps, RootPartitioner workflowRunPartitioner,
            Step workflowRunPartitionStep) {
        return partitionedSteps.manager(RootKind.WORKFLOW_RUNS.step(), workflowRunPartitioner, workflowRunPartitionStep);
    }

    @Bean
    Step workflowRunPartitionStep(TraceSteps steps, KeysetItemReader<WorkflowTraceSource> workflowTraceReader,
            TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor, TraceItemWriter traceItemWriter) {
        return steps.chunkStep(PARTITION, workflowTraceReader, workflowTraceProcessor, traceItemWriter);
    }

    @Bean
    Step pendingWorkflowTracesStep(TraceSteps steps, KeysetItemReader<WorkflowTraceSource> pendingWorkflowReader,
            TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor, TraceItemWriter pendingWorkflowWriter) {
        return steps.chunkStep(PENDING_STEP, pendingWorkflowReader, workflowTraceProcessor, pendingWorkflowWriter);
    }

    @Bean
    @StepScope
    RootPartitioner workflowRunPartitioner(@Qualifier("difyDataSource") DataSource dify, BackfillRequest request,
            WorkflowRoots workflowRoots) {
        return new RootPartitioner(new JdbcTemplate(dify), RootPartitioner.RootTable.WORKFLOW_RUNS,
                workflowRoots.selected(request) ? request.window() : null);
    }

    @Bean
    @StepScope
    KeysetItemReader<WorkflowTraceSource> workflowTraceReader(TraceSteps steps, BackfillRequest request,
            WorkflowRoots workflowRoots, @Value("#{stepExecutionContext}") Map<String, Object> partition) {
        return steps.partitionReader(workflowRoots, request, partition);
    }

    @Bean
    @StepScope
    KeysetItemReader<WorkflowTraceSource> pendingWorkflowReader(TraceSteps steps, BackfillRequest request,
            WorkflowRoots workflowRoots, PendingStore pendingStore) {
        return steps.pendingReader("pendingWorkflowRuns", workflowRoots, workflowRoots.source(request.window()),
                PendingStore.WORKFLOW_RUNS, request, pendingStore);
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor(BackfillRequest request,
            WorkflowRoots workflowRoots) {
        return workflowRoots.processor(request);
    }

    @Bean
    @StepScope
    TraceItemWriter pendingWorkflowWriter(TraceWriters writers, BackfillRequest request) {
        return writers.resolvingPending(request, PendingStore.WORKFLOW_RUNS);
    }
}
