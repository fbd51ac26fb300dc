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
import dev.difyweave.backfill.source.ConversationRow;
import dev.difyweave.backfill.source.KeysetItemReader;

/**
 * The conversation-name step: the window's conversations with a generated name, one partition per
 * time range (a name is final once generated: nothing waits). Wiring only: reading in
 * {@link ConversationRoots}, mapping in {@code trace}.
 */
@Configuration(proxyBeanMethods = false)
public class ConversationNameStepConfiguration {

    public static final String PARTITION = "conversationPartition";

    @Bean
    @Lazy
    ConversationRoots conversationRoots(@Qualifier("difyDataSource") DataSource dify) {
        return new ConversationRoots(new JdbcTemplate(dify));
    }

    @Bean
    Step conversationNamesStep(PartitionedSteps partitionedSteps, RootPartitioner conversationPartitioner,
            Step conversationPartitionStep) {
        return partitionedSteps.manager(RootKind.CONVERSATIONS.step(), conversationPartitioner, conversationPartitionStep);
    }

    @Bean
    Step conversationPartitionStep(TraceSteps steps, KeysetItemReader<ConversationRow> conversationReader,
            TraceAssemblyProcessor<ConversationRow> conversationNameProcessor, TraceItemWriter traceItemWriter) {
        return steps.chunkStep(PARTITION, conversationReader, conversationNameProcessor, traceItemWriter);
    }

    @Bean
    @StepScope
    RootPartitioner conversationPartitioner(@Qualifier("difyDataSource") DataSource dify, BackfillRequest request,
            ConversationRoots conversationRoots) {
        return new RootPartitioner(new JdbcTemplate(dify), RootPartitioner.RootTable.CONVERSATIONS,
                conversationRoots.selected(request) ? request.window() : null);
    }

    @Bean
    @StepScope
    KeysetItemReader<ConversationRow> conversationReader(TraceSteps steps, BackfillRequest request,
            ConversationRoots conversationRoots, @Value("#{stepExecutionContext}") Map<String, Object> partition) {
        return steps.partitionReader(conversationRoots, request, partition);
    }

    @Bean
    @StepScope
    TraceAssemblyProcessor<ConversationRow> conversationNameProcessor(BackfillRequest request,
            ConversationRoots conversationRoots) {
        return conversationRoots.processor(request);
    }
}
