package dev.difyweave.backfill.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.difyweave.backfill.call.CallSanitizer;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.partition.LocalPartitionedSteps;
import dev.difyweave.backfill.partition.PartitionedSteps;
import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.state.WatermarkStore;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.weave.DryRunSink;
import dev.difyweave.backfill.weave.JsonlExportSink;
import dev.difyweave.backfill.weave.TeeSink;
import dev.difyweave.backfill.weave.TraceSink;
import dev.difyweave.backfill.weave.WeaveDeliveries;
import dev.difyweave.backfill.weave.WeaveHttpSink;

/**
 * The backfill job: the pending roots of earlier windows, then one partitioned step per root kind
 * (workflow runs, messages, conversation names; each in its own {@code *StepConfiguration}), then the
 * roots this window leaves pending, then the feedback of messages ({@link FeedbackStepConfiguration}),
 * last, so that the message calls it goes on are in Weave first. A step whose kinds were not asked for
 * reads nothing. The steps run one after another, never in a split flow: Spring Batch creates a step
 * execution in a SERIALIZABLE transaction, and PostgreSQL aborts one of two such transactions that run at
 * once ({@code PartitionedJobTest} checks it). Wiring only.
 */
@Configuration(proxyBeanMethods = false)
public class BackfillJobConfiguration {

    public static final String JOB_NAME = "traceBackfill";
    public static final String RECORD_PENDING_STEP = "recordPending";

    /** The partition managers: their step executions only aggregate what their partitions did. */
    public static final Set<String> PARTITIONED_STEPS = Set.of(RootKind.WORKFLOW_RUNS.step(),
            RootKind.MESSAGES.step(), RootKind.CONVERSATIONS.step());

    @Bean
    Job traceBackfillJob(JobRepository jobRepository, Step pendingWorkflowTracesStep, Step pendingMessageTracesStep,
            Step workflowTracesStep, Step messageTracesStep, Step conversationNamesStep, Step recordPendingStep,
            Step feedbackStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(pendingWorkflowTracesStep)
                .next(pendingMessageTracesStep)
                .next(workflowTracesStep)
                .next(messageTracesStep)
                .next(conversationNamesStep)
                .next(recordPendingStep)
                .next(feedbackStep)
                .build();
    }

    /**
     * The request of the running step, parsed once from the job parameters Spring Batch persisted (so a
     * restart sees the same). Step-scoped rather than job-scoped: partitions run on other threads and, with
     * {@code --remote}, in other processes, where only the step's scope is active. Not proxied (a record):
     * only step-scoped beans use it.
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    BackfillRequest backfillRequest(@Value("#{jobParameters}") Map<String, Object> parameters) {
        return BackfillRequest.fromParameters(parameters);
    }

    @Bean
    PendingStore pendingStore(DataSource dataSource) {
        return new PendingStore(new JdbcTemplate(dataSource));
    }

    @Bean
    WatermarkStore watermarkStore(DataSource dataSource) {
        return new WatermarkStore(new JdbcTemplate(dataSource));
    }

    @Bean
    TraceSteps traceSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            BackfillSettings settings) {
        return new TraceSteps(jobRepository, transactionManager, settings);
    }

    @Bean
    Step recordPendingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RecordPendingTasklet recordPendingTasklet) {
        return new StepBuilder(RECORD_PENDING_STEP, jobRepository)
                .tasklet(recordPendingTasklet, transactionManager)
                .build();
    }

    /** Only the keys of unfinished roots are read here, no node payloads. */
    @Bean
    @StepScope
    RecordPendingTasklet recordPendingTasklet(BackfillRequest request, PendingStore pendingStore,
            WorkflowRoots workflowRoots, MessageRoots messageRoots) {
        return new RecordPendingTasklet(pendingStore, request.pendingScope(), List.of(
                new RecordPendingTasklet.Kind(PendingStore.WORKFLOW_RUNS,
                        workflowRoots.selected(request) ? workflowRoots.source(request.window()) : null),
                new RecordPendingTasklet.Kind(PendingStore.MESSAGES,
                        messageRoots.selected(request) ? messageRoots.source(request.window()) : null)));
    }

    @Bean
    BackfillLauncher backfillLauncher(JobOperator jobOperator, JobRepository jobRepository, Job traceBackfillJob,
            DataSource dataSource) {
        return new BackfillLauncher(jobOperator, jobRepository, traceBackfillJob, dataSource);
    }

    /** The threads local partitions run on; a bean, so that the context shuts them down. */
    @Bean
    ThreadPoolTaskExecutor partitionThreads(BackfillSettings settings) {
        ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
        threads.setCorePoolSize(settings.tuning().partitions());
        threads.setMaxPoolSize(settings.tuning().partitions());
        threads.setThreadNamePrefix("partition-");
        threads.setDaemon(true);
        return threads;
    }

    @Bean
    PartitionedSteps partitionedSteps(JobRepository jobRepository, ThreadPoolTaskExecutor partitionThreads,
            BackfillSettings settings) {
        return new LocalPartitionedSteps(jobRepository, partitionThreads, settings.tuning().partitions());
    }

    @Bean
    TraceWriters traceWriters(TraceSink traceSink, CallSanitizer callSanitizer, FailureLedger failureLedger,
            ProjectRoutesLoader projectRoutes, PendingStore pendingStore) {
        return new TraceWriters(traceSink, callSanitizer, failureLedger, projectRoutes, pendingStore);
    }

    /** The writer of every partition of the window's root kinds. */
    @Bean
    @StepScope
    TraceItemWriter traceItemWriter(TraceWriters writers, BackfillRequest request) {
        return writers.window(request);
    }

    /** The routing table of each job execution (app -> Weave target), read from Dify once per execution. */
    @Bean
    ProjectRoutesLoader projectRoutesLoader(@Qualifier("difyDataSource") ObjectProvider<DataSource> dify,
            DataSource dataSource, FailureLedger failureLedger, BackfillSettings settings, PayloadStore payloadStore) {
        return new ProjectRoutesLoader(() -> new JdbcTemplate(dify.getObject()), new JdbcTemplate(dataSource),
                failureLedger, settings, payloadStore);
    }

    @Bean(destroyMethod = "close")
    @StepScope
    TraceSink traceSink(BackfillRequest request, BackfillSettings settings,
            ObjectProvider<WeaveDeliveries> weaveDeliveries) {
        long batchBytes = settings.tuning().batchBytes();
        int batchCalls = settings.tuning().batchCalls();
        return switch (request.sink()) {
            case DRY_RUN -> new DryRunSink(batchBytes, batchCalls);
            case WEAVE -> new WeaveHttpSink(weaveDeliveries.getObject());
            case EXPORT -> new JsonlExportSink(Path.of(request.exportDir()), batchBytes, batchCalls);
            case WEAVE_AND_EXPORT -> new TeeSink(new JsonlExportSink(Path.of(request.exportDir()), batchBytes, batchCalls),
                    new WeaveHttpSink(weaveDeliveries.getObject()));
        };
    }
}
