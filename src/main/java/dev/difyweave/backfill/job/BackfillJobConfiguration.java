package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.state.WatermarkStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.difyweave.backfill.BuildInfo;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.partition.LocalPartitionedSteps;
import dev.difyweave.backfill.partition.PartitionRange;
import dev.difyweave.backfill.partition.PartitionedSteps;
import dev.difyweave.backfill.partition.RootPartitioner;
import dev.difyweave.backfill.source.ConversationPageSource;
import dev.difyweave.backfill.source.ConversationRow;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.KeysetItemReader;
import dev.difyweave.backfill.source.MessagePageSource;
import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.source.PageSource;
import dev.difyweave.backfill.source.PendingPageSource;
import dev.difyweave.backfill.source.RootLoader;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.source.TraceRoot;
import dev.difyweave.backfill.source.WorkflowPageSource;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.storage.NoPayloadStore;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.ConversationNameMapper;
import dev.difyweave.backfill.trace.MessageTraceMapper;
import dev.difyweave.backfill.trace.Provenance;
import dev.difyweave.backfill.trace.WorkflowTraceMapper;
import dev.difyweave.backfill.call.CallSanitizer;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.weave.DryRunSink;
import dev.difyweave.backfill.weave.JsonlExportSink;
import dev.difyweave.backfill.weave.TeeSink;
import dev.difyweave.backfill.weave.TraceSink;
import dev.difyweave.backfill.weave.WeaveDeliveries;
import dev.difyweave.backfill.weave.WeaveHttpSink;

/**
 * The backfill job: one chunk-oriented step per root kind (workflow runs, messages, conversations);
 * a step whose kinds were not asked for reads nothing. Wiring only; the
 * reading is in {@code source}, the mapping in {@code trace}, the sending in {@code weave}.
 */
@Configuration(proxyBeanMethods = false)
public class BackfillJobConfiguration {

    public static final String JOB_NAME = "traceBackfill";
    public static final String WORKFLOW_STEP = "workflowTraces";
    public static final String MESSAGE_STEP = "messageTraces";
    public static final String NAME_STEP = "conversationNames";

    /** The steps each of the three windowed steps runs once per partition ({@code workflowRunPartition:p000}, ...). */
    public static final String WORKFLOW_PARTITION = "workflowRunPartition";
    public static final String MESSAGE_PARTITION = "messagePartition";
    public static final String NAME_PARTITION = "conversationPartition";

    /** The partition managers: their step executions only aggregate what their partitions did. */
    public static final Set<String> PARTITIONED_STEPS = Set.of(WORKFLOW_STEP, MESSAGE_STEP, NAME_STEP);

    /** The kinds the message step serves: chatflow workflow calls hang off messages too. */
    public static final Set<String> MESSAGE_STEP_KINDS = Set.of(MessageTraceMapper.KIND, "tool", "dataset_retrieval",
            "moderation", WorkflowTraceMapper.KIND);

    public static final String PENDING_WORKFLOW_STEP = "pendingWorkflowTraces";
    public static final String PENDING_MESSAGE_STEP = "pendingMessageTraces";
    public static final String RECORD_PENDING_STEP = "recordPending";

    /**
     * A window first sends what earlier windows over the same filters and target left pending and is
     * finished (or stale) now, then its own window, then records what this window leaves pending: a
     * {@code sync} and a {@code migrate} alike (C15).
     */
    @Bean
    Job traceBackfillJob(JobRepository jobRepository, Step pendingWorkflowTracesStep, Step pendingMessageTracesStep,
            Step workflowTracesStep, Step messageTracesStep, Step conversationNamesStep, Step recordPendingStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(pendingWorkflowTracesStep)
                .next(pendingMessageTracesStep)
                .next(workflowTracesStep)
                .next(messageTracesStep)
                .next(conversationNamesStep)
                .next(recordPendingStep)
                .build();
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
    Step pendingWorkflowTracesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<WorkflowTraceSource> pendingWorkflowReader,
            TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor, TraceItemWriter pendingWorkflowWriter,
            BackfillSettings settings) {
        return chunkStep(PENDING_WORKFLOW_STEP, jobRepository, transactionManager, pendingWorkflowReader,
                workflowTraceProcessor, pendingWorkflowWriter, settings);
    }

    @Bean
    Step pendingMessageTracesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<MessageTraceSource> pendingMessageReader,
            TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor, TraceItemWriter pendingMessageWriter,
            BackfillSettings settings) {
        return chunkStep(PENDING_MESSAGE_STEP, jobRepository, transactionManager, pendingMessageReader,
                messageTraceProcessor, pendingMessageWriter, settings);
    }

    @Bean
    Step recordPendingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RecordPendingTasklet recordPendingTasklet) {
        return new StepBuilder(RECORD_PENDING_STEP, jobRepository)
                .tasklet(recordPendingTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    RecordPendingTasklet recordPendingTasklet(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters, PendingStore pendingStore) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        JdbcTemplate jdbc = new JdbcTemplate(dify);
        // only the keys of unfinished roots are read here, no node payloads
        return new RecordPendingTasklet(pendingStore, request.pendingScope(), List.of(
                new RecordPendingTasklet.Kind(PendingStore.WORKFLOW_RUNS, request.includes(WorkflowTraceMapper.KIND)
                        ? new WorkflowPageSource(jdbc, request.window(), NoPayloadStore.INSTANCE) : null),
                new RecordPendingTasklet.Kind(PendingStore.MESSAGES, servesMessages(request)
                        ? new MessagePageSource(jdbc, request.window(), NoPayloadStore.INSTANCE) : null)));
    }

    @Bean
    @StepScope
    KeysetItemReader<WorkflowTraceSource> pendingWorkflowReader(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters, PendingStore pendingStore,
            BackfillSettings settings, PayloadStore payloadStore) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return pendingReader("pendingWorkflowRuns", request.includes(WorkflowTraceMapper.KIND), PendingStore.WORKFLOW_RUNS,
                () -> new WorkflowPageSource(new JdbcTemplate(dify), request.window(), payloadStore), request, pendingStore, settings);
    }

    @Bean
    @StepScope
    KeysetItemReader<MessageTraceSource> pendingMessageReader(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters, PendingStore pendingStore,
            BackfillSettings settings, PayloadStore payloadStore) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return pendingReader("pendingMessages", servesMessages(request), PendingStore.MESSAGES,
                () -> new MessagePageSource(new JdbcTemplate(dify), request.window(), payloadStore), request, pendingStore, settings);
    }

    @Bean
    @StepScope
    TraceItemWriter pendingWorkflowWriter(@Value("#{jobParameters}") Map<String, Object> parameters,
            TraceSink traceSink, CallSanitizer callSanitizer, FailureLedger failureLedger, PendingStore pendingStore,
            ProjectRoutesLoader projectRoutes) {
        return writer(parameters, traceSink, callSanitizer, failureLedger, pendingStore, PendingStore.WORKFLOW_RUNS,
                projectRoutes);
    }

    @Bean
    @StepScope
    TraceItemWriter pendingMessageWriter(@Value("#{jobParameters}") Map<String, Object> parameters,
            TraceSink traceSink, CallSanitizer callSanitizer, FailureLedger failureLedger, PendingStore pendingStore,
            ProjectRoutesLoader projectRoutes) {
        return writer(parameters, traceSink, callSanitizer, failureLedger, pendingStore, PendingStore.MESSAGES,
                projectRoutes);
    }

    /**
     * A keyset reader over one partition of the request's window (its bounds are in the partition's
     * step execution context), or over nothing for an empty partition or kinds not asked for.
     */
    private static <T> KeysetItemReader<T> partitionReader(String name, Map<String, Object> partition,
            Map<String, Object> parameters, Function<SourceWindow, PageSource<T>> source, BackfillSettings settings) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        PartitionRange range = PartitionRange.fromContext(name, partition);
        if (range == null) {
            throw new IllegalStateException(name + ": a windowed reader runs only in a partition, its context has no bounds");
        }
        SourceWindow window = range.window(request.window());
        return window == null
                ? new KeysetItemReader<>(name, PageSource.nothing(), settings.tuning().chunkSize(), Keyset.FIRST)
                : new KeysetItemReader<>(name, source.apply(window), settings.tuning().chunkSize(),
                        Keyset.before(window.from()));
    }

    /** A reader over the pending roots of one kind of the request's pending scope that are finished (or stale) now. */
    private static <T, L extends PageSource<T> & RootLoader<T>> KeysetItemReader<T> pendingReader(String name,
            boolean selected, String kind, java.util.function.Supplier<L> loader, BackfillRequest request,
            PendingStore pendingStore, BackfillSettings settings) {
        PageSource<T> source = PageSource.nothing();
        if (selected) {
            L roots = loader.get();
            source = new PendingPageSource<>((after, limit) -> pendingStore.pageAfter(request.pendingScope(), kind, after,
                    limit), roots, roots);
        }
        return new KeysetItemReader<>(name, source, settings.tuning().chunkSize(), Keyset.FIRST);
    }

    private static boolean servesMessages(BackfillRequest request) {
        return request.kinds().stream().anyMatch(MESSAGE_STEP_KINDS::contains);
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
    Step workflowTracesStep(PartitionedSteps partitionedSteps, RootPartitioner workflowRunPartitioner,
            Step workflowRunPartitionStep) {
        return partitionedSteps.manager(WORKFLOW_STEP, workflowRunPartitioner, workflowRunPartitionStep);
    }

    @Bean
    Step messageTracesStep(PartitionedSteps partitionedSteps, RootPartitioner messagePartitioner,
            Step messagePartitionStep) {
        return partitionedSteps.manager(MESSAGE_STEP, messagePartitioner, messagePartitionStep);
    }

    @Bean
    Step conversationNamesStep(PartitionedSteps partitionedSteps, RootPartitioner conversationPartitioner,
            Step conversationPartitionStep) {
        return partitionedSteps.manager(NAME_STEP, conversationPartitioner, conversationPartitionStep);
    }

    @Bean
    Step workflowRunPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<WorkflowTraceSource> workflowTraceReader,
            TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor, TraceItemWriter traceItemWriter,
            BackfillSettings settings) {
        return chunkStep(WORKFLOW_PARTITION, jobRepository, transactionManager, workflowTraceReader,
                workflowTraceProcessor, traceItemWriter, settings);
    }

    @Bean
    Step messagePartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<MessageTraceSource> messageTraceReader,
            TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor, TraceItemWriter traceItemWriter,
            BackfillSettings settings) {
        return chunkStep(MESSAGE_PARTITION, jobRepository, transactionManager, messageTraceReader,
                messageTraceProcessor, traceItemWriter, settings);
    }

    @Bean
    Step conversationPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<ConversationRow> conversationReader,
            TraceAssemblyProcessor<ConversationRow> conversationNameProcessor, TraceItemWriter traceItemWriter,
            BackfillSettings settings) {
        return chunkStep(NAME_PARTITION, jobRepository, transactionManager, conversationReader,
                conversationNameProcessor, traceItemWriter, settings);
    }

    @Bean
    @StepScope
    RootPartitioner workflowRunPartitioner(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return new RootPartitioner(new JdbcTemplate(dify), RootPartitioner.RootTable.WORKFLOW_RUNS,
                request.includes(WorkflowTraceMapper.KIND) ? request.window() : null);
    }

    @Bean
    @StepScope
    RootPartitioner messagePartitioner(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return new RootPartitioner(new JdbcTemplate(dify), RootPartitioner.RootTable.MESSAGES,
                servesMessages(request) ? request.window() : null);
    }

    @Bean
    @StepScope
    RootPartitioner conversationPartitioner(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return new RootPartitioner(new JdbcTemplate(dify), RootPartitioner.RootTable.CONVERSATIONS,
                request.includes(ConversationNameMapper.KIND) ? request.window() : null);
    }

    private static <S extends TraceRoot> Step chunkStep(String name, JobRepository jobRepository,
            PlatformTransactionManager transactionManager, KeysetItemReader<S> reader,
            TraceAssemblyProcessor<S> processor, TraceItemWriter writer, BackfillSettings settings) {
        return new StepBuilder(name, jobRepository)
                .<S, AssembledTrace>chunk(settings.tuning().chunkSize())
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .listener(writer)
                .build();
    }

    @Bean
    @StepScope
    KeysetItemReader<WorkflowTraceSource> workflowTraceReader(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{stepExecutionContext}") Map<String, Object> partition, BackfillSettings settings,
            PayloadStore payloadStore) {
        return partitionReader("workflowRuns", partition, parameters,
                window -> new WorkflowPageSource(new JdbcTemplate(dify), window, payloadStore), settings);
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        WorkflowTraceMapper mapper = new WorkflowTraceMapper(provenance(parameters),
                BackfillRequest.fromParameters(parameters).staleness());
        return new TraceAssemblyProcessor<>(TraceKind.WORKFLOW, mapper::map);
    }

    @Bean
    @StepScope
    KeysetItemReader<MessageTraceSource> messageTraceReader(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{stepExecutionContext}") Map<String, Object> partition, BackfillSettings settings,
            PayloadStore payloadStore) {
        return partitionReader("messages", partition, parameters,
                window -> new MessagePageSource(new JdbcTemplate(dify), window, payloadStore), settings);
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters, BackfillSettings settings) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        MessageTraceMapper mapper = new MessageTraceMapper(provenance(parameters), settings.filesUrl(),
                request.staleness());
        Set<TraceKind> kinds = request.traceKinds();
        return new TraceAssemblyProcessor<>(TraceKind.MESSAGE, s -> mapper.map(s, kinds));
    }

    @Bean
    @StepScope
    KeysetItemReader<ConversationRow> conversationReader(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{stepExecutionContext}") Map<String, Object> partition, BackfillSettings settings) {
        return partitionReader("conversations", partition, parameters,
                window -> new ConversationPageSource(new JdbcTemplate(dify), window), settings);
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<ConversationRow> conversationNameProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        ConversationNameMapper mapper = new ConversationNameMapper(provenance(parameters));
        return new TraceAssemblyProcessor<>(TraceKind.GENERATE_NAME, mapper::map);
    }

    @Bean
    @StepScope
    TraceItemWriter traceItemWriter(@Value("#{jobParameters}") Map<String, Object> parameters, TraceSink traceSink,
            CallSanitizer callSanitizer, FailureLedger failureLedger, ProjectRoutesLoader projectRoutes) {
        return writer(parameters, traceSink, callSanitizer, failureLedger, null, null, projectRoutes);
    }

    private static TraceItemWriter writer(Map<String, Object> parameters, TraceSink sink, CallSanitizer sanitizer,
            FailureLedger ledger, PendingStore pendingStore, String pendingKind, ProjectRoutesLoader projectRoutes) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        TraceItemWriter.PendingResolution pending = pendingStore == null ? null
                : new TraceItemWriter.PendingResolution(pendingStore, request.pendingScope(), pendingKind);
        return new TraceItemWriter(sink, sanitizer, ledger, step -> projectRoutes.routes(step, request), pending,
                new ContentPolicy(request.content()));
    }

    /** The routing table of each job execution (app -> Weave target), read from Dify once per execution. */
    @Bean
    ProjectRoutesLoader projectRoutesLoader(@Qualifier("difyDataSource") ObjectProvider<DataSource> dify,
            DataSource dataSource, FailureLedger failureLedger, BackfillSettings settings) {
        return new ProjectRoutesLoader(() -> new JdbcTemplate(dify.getObject()), new JdbcTemplate(dataSource),
                failureLedger, settings);
    }

    @Bean(destroyMethod = "close")
    @StepScope
    TraceSink traceSink(@Value("#{jobParameters}") Map<String, Object> parameters, BackfillSettings settings,
            ObjectProvider<WeaveDeliveries> weaveDeliveries) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
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

    private static Provenance provenance(Map<String, Object> parameters) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return new Provenance(BuildInfo.NAME, BuildInfo.version(), request.label(), request.content().parameter());
    }
}
