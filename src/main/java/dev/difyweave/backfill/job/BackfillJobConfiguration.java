package dev.difyweave.backfill.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
import dev.difyweave.backfill.source.Keyset;
import dev.difyweave.backfill.source.KeysetItemReader;
import dev.difyweave.backfill.source.PageSource;
import dev.difyweave.backfill.source.WorkflowPageSource;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.trace.AssembledTrace;
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
 * The backfill job: one chunk-oriented step per root kind (workflow runs so far). Wiring only; the
 * reading is in {@code source}, the mapping in {@code trace}, the sending in {@code weave}.
 */
@Configuration(proxyBeanMethods = false)
public class BackfillJobConfiguration {

    public static final String JOB_NAME = "traceBackfill";
    public static final String WORKFLOW_STEP = "workflowTraces";

    @Bean
    Job traceBackfillJob(JobRepository jobRepository, Step workflowTracesStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(workflowTracesStep).build();
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
        return new StepBuilder(WORKFLOW_STEP, jobRepository)
                .<WorkflowTraceSource, AssembledTrace>chunk(settings.tuning().chunkSize())
                .transactionManager(transactionManager)
                .reader(workflowTraceReader)
                .processor(workflowTraceProcessor)
                .writer(traceItemWriter)
                .listener(traceItemWriter)
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
