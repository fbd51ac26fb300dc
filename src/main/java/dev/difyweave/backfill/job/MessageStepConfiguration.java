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
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.partition.PartitionedSteps;
import dev.difyweave.backfill.partition.RootPartitioner;
import dev.difyweave.backfill.source.KeysetItemReader;
import dev.difyweave.backfill.source.MessageTraceSource;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.storage.PayloadStore;

/**
 * The message steps (every chat-like mode, chatflows with their runs): the window's messages, one
 * partition per time range, and the messages earlier windows left pending. Wiring only: reading in
 * {@link MessageRoots}, mapping in {@code trace}.
 */
@Configuration(proxyBeanMethods = false)
public class MessageStepConfiguration {

    public static final String PARTITION = "messagePartition";
    public static final String PENDING_STEP = "pendingMessageTraces";

    @Bean
    @Lazy
    MessageRoots messageRoots(@Qualifier("difyDataSource") DataSource dify, PayloadStore payloadStore,
            BackfillSettings settings) {
        return new MessageRoots(new JdbcTemplate(dify), payloadStore, settings.filesUrl());
    }

    @Bean
    Step messageTracesStep(PartitionedSteps partitionedSteps, RootPartitioner messagePartitioner,
            Step messagePartitionStep) {
        return partitionedSteps.manager(RootKind.MESSAGES.step(), messagePartitioner, messagePartitionStep);
    }

    @Bean
    Step messagePartitionStep(TraceSteps steps, KeysetItemReader<MessageTraceSource> messageTraceReader,
            TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor, TraceItemWriter traceItemWriter) {
        return steps.chunkStep(PARTITION, messageTraceReader, messageTraceProcessor, traceItemWriter);
    }

    @Bean
    Step pendingMessageTracesStep(TraceSteps steps, KeysetItemReader<MessageTraceSource> pendingMessageReader,
            TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor, TraceItemWriter pendingMessageWriter) {
        return steps.chunkStep(PENDING_STEP, pendingMessageReader, messageTraceProcessor, pendingMessageWriter);
    }

    @Bean
    @StepScope
    RootPartitioner messagePartitioner(@Qualifier("difyDataSource") DataSource dify, BackfillRequest request,
            MessageRoots messageRoots) {
        return new RootPartitioner(new JdbcTemplate(dify), RootPartitioner.RootTable.MESSAGES,
                messageRoots.selected(request) ? request.window() : null);
    }

    @Bean
    @StepScope
    KeysetItemReader<MessageTraceSource> messageTraceReader(TraceSteps steps, BackfillRequest request,
            MessageRoots messageRoots, @Value("#{stepExecutionContext}") Map<String, Object> partition) {
        return steps.partitionReader(messageRoots, request, partition);
    }

    @Bean
    @StepScope
    KeysetItemReader<MessageTraceSource> pendingMessageReader(TraceSteps steps, BackfillRequest request,
            MessageRoots messageRoots, PendingStore pendingStore) {
        return steps.pendingReader("pendingMessages", messageRoots, messageRoots.source(request.window()),
                PendingStore.MESSAGES, request, pendingStore);
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<MessageTraceSource> messageTraceProcessor(BackfillRequest request,
            MessageRoots messageRoots) {
        return messageRoots.processor(request);
    }

    @Bean
    @StepScope
    TraceItemWriter pendingMessageWriter(TraceWriters writers, BackfillRequest request) {
        return writers.resolvingPending(request, PendingStore.MESSAGES);
    }
}
