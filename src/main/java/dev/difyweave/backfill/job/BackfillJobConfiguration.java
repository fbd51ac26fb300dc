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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.difyweave.backfill.BuildInfo;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.source.ConversationPageSource;
import dev.difyweave.backfill.source.ConversationRow;
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.KeysetItemReader;
import dev.difyweave.backfill.source.MessagePageSource;
import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.source.PageSource;
import dev.difyweave.backfill.source.WorkflowPageSource;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.ConversationNameMapper;
import dev.difyweave.backfill.trace.MessageTraceMapper;
import dev.difyweave.backfill.trace.Provenance;
import dev.difyweave.backfill.trace.WorkflowTraceMapper;
import dev.difyweave.backfill.weave.CallSanitizer;
import dev.difyweave.backfill.weave.DryRunSink;
import dev.difyweave.backfill.weave.JsonlExportSink;
import dev.difyweave.backfill.weave.TeeSink;
import dev.difyweave.backfill.weave.TraceSink;
import dev.difyweave.backfill.weave.WeaveDelivery;
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

    /** The kinds the message step serves: chatflow workflow calls hang off messages too. */
    static final Set<String> MESSAGE_STEP_KINDS = Set.of(MessageTraceMapper.KIND, "tool", "dataset_retrieval",
            "moderation", WorkflowTraceMapper.KIND);

    @Bean
    Job traceBackfillJob(JobRepository jobRepository, Step workflowTracesStep, Step messageTracesStep,
            Step conversationNamesStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(workflowTracesStep)
                .next(messageTracesStep)
                .next(conversationNamesStep)
                .build();
    }

    @Bean
    BackfillLauncher backfillLauncher(JobOperator jobOperator, JobRepository jobRepository, Job traceBackfillJob,
            DataSource dataSource) {
        return new BackfillLauncher(jobOperator, jobRepository, traceBackfillJob, dataSource);
    }

    @Bean
    Step workflowTracesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<WorkflowTraceSource> workflowTraceReader,
            TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor, TraceItemWriter traceItemWriter,
            BackfillSettings settings) {
        return chunkStep(WORKFLOW_STEP, jobRepository, transactionManager, workflowTraceReader, workflowTraceProcessor,
                traceItemWriter, settings);
    }

    @Bean
    Step messageTracesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<MessageTraceSource> messageTraceReader,
            TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor, TraceItemWriter traceItemWriter,
            BackfillSettings settings) {
        return chunkStep(MESSAGE_STEP, jobRepository, transactionManager, messageTraceReader, messageTraceProcessor,
                traceItemWriter, settings);
    }

    @Bean
    Step conversationNamesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            KeysetItemReader<ConversationRow> conversationReader,
            TraceAssemblyProcessor<ConversationRow> conversationNameProcessor, TraceItemWriter traceItemWriter,
            BackfillSettings settings) {
        return chunkStep(NAME_STEP, jobRepository, transactionManager, conversationReader, conversationNameProcessor,
                traceItemWriter, settings);
    }

    private static <S> Step chunkStep(String name, JobRepository jobRepository,
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
            @Value("#{jobParameters}") Map<String, Object> parameters, BackfillSettings settings) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        PageSource<WorkflowTraceSource> source = request.includes(WorkflowTraceMapper.KIND)
                ? new WorkflowPageSource(new JdbcTemplate(dify), request.window())
                : nothing();
        return new KeysetItemReader<>("workflowRuns", source, settings.tuning().chunkSize(),
                Keyset.before(request.window().from()));
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<WorkflowTraceSource> workflowTraceProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        WorkflowTraceMapper mapper = new WorkflowTraceMapper(provenance(parameters));
        return new TraceAssemblyProcessor<>(WorkflowTraceMapper.KIND, mapper::map,
                s -> "workflow_runs:" + s.run().id());
    }

    @Bean
    @StepScope
    KeysetItemReader<MessageTraceSource> messageTraceReader(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters, BackfillSettings settings) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        PageSource<MessageTraceSource> source = request.kinds().stream().anyMatch(MESSAGE_STEP_KINDS::contains)
                ? new MessagePageSource(new JdbcTemplate(dify), request.window())
                : nothing();
        return new KeysetItemReader<>("messages", source, settings.tuning().chunkSize(),
                Keyset.before(request.window().from()));
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters, BackfillSettings settings) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        MessageTraceMapper mapper = new MessageTraceMapper(provenance(parameters), settings.filesUrl());
        Set<String> kinds = Set.copyOf(request.kinds());
        return new TraceAssemblyProcessor<>(MessageTraceMapper.KIND, s -> mapper.map(s, kinds),
                s -> "messages:" + s.message().id());
    }

    @Bean
    @StepScope
    KeysetItemReader<ConversationRow> conversationReader(@Qualifier("difyDataSource") DataSource dify,
            @Value("#{jobParameters}") Map<String, Object> parameters, BackfillSettings settings) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        PageSource<ConversationRow> source = request.includes(ConversationNameMapper.KIND)
                ? new ConversationPageSource(new JdbcTemplate(dify), request.window())
                : nothing();
        return new KeysetItemReader<>("conversations", source, settings.tuning().chunkSize(),
                Keyset.before(request.window().from()));
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<ConversationRow> conversationNameProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        ConversationNameMapper mapper = new ConversationNameMapper(provenance(parameters));
        return new TraceAssemblyProcessor<>(ConversationNameMapper.KIND, mapper::map, c -> "conversations:" + c.id());
    }

    @Bean
    @StepScope
    TraceItemWriter traceItemWriter(@Value("#{jobParameters}") Map<String, Object> parameters, TraceSink traceSink,
            CallSanitizer callSanitizer, FailureLedger failureLedger) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return new TraceItemWriter(traceSink, callSanitizer, failureLedger,
                request.project() == null ? "dry-run/dry-run" : request.project());
    }

    @Bean(destroyMethod = "close")
    @StepScope
    TraceSink traceSink(@Value("#{jobParameters}") Map<String, Object> parameters, BackfillSettings settings,
            ObjectProvider<WeaveDelivery> weaveDelivery) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        long batchBytes = settings.tuning().batchBytes();
        int batchCalls = settings.tuning().batchCalls();
        return switch (request.sink()) {
            case DRY_RUN -> new DryRunSink(batchBytes, batchCalls);
            case WEAVE -> new WeaveHttpSink(weaveDelivery.getObject());
            case EXPORT -> new JsonlExportSink(Path.of(request.exportDir()), batchBytes, batchCalls);
            case WEAVE_AND_EXPORT -> new TeeSink(new JsonlExportSink(Path.of(request.exportDir()), batchBytes, batchCalls),
                    new WeaveHttpSink(weaveDelivery.getObject()));
        };
    }

    private static Provenance provenance(Map<String, Object> parameters) {
        BackfillRequest request = BackfillRequest.fromParameters(parameters);
        return new Provenance(BuildInfo.NAME, BuildInfo.version(), request.label());
    }

    private static <T> PageSource<T> nothing() {
        return new PageSource<>() {
            @Override
            public List<T> pageAfter(Keyset after, int limit) {
                return List.of();
            }

            @Override
            public Keyset keyOf(T item) {
                throw new IllegalStateException("empty source has no items");
            }
        };
    }
}
