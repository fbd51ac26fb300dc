package dev.difyweave.backfill.job;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.difyweave.backfill.call.ContentPolicy;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.source.FeedbackSource;
import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.trace.FeedbackMapper;
import dev.difyweave.backfill.weave.WeaveDeliveries;

/**
 * The feedback step ({@code --kinds feedback}): Dify's ratings and annotations as Weave feedback on the
 * message calls, after the calls' steps, so that a migrate's messages are in Weave before their feedback
 * looks for them. Wiring only: the phases in {@link FeedbackTasklet}, a page's work in
 * {@link FeedbackPageWriter}, reading in {@link FeedbackSource}, mapping in {@code trace.FeedbackMapper},
 * delivery in {@code weave.FeedbackDelivery}.
 */
@Configuration(proxyBeanMethods = false)
public class FeedbackStepConfiguration {

    public static final String STEP = "feedback";
    /** Step context key: feedback Weave refused or that was never sent (recorded in backfill_dead_letter). */
    /** With {@code --export-dir}: the feedback, one {@code FeedbackCreateReq} per line. */
    public static final String EXPORT_FILE = "weave-feedback.jsonl";
    public static final String DEAD_LETTERS = "backfill.feedback_dead_letters";

    @Bean
    FeedbackLedger feedbackLedger(DataSource dataSource) {
        return new FeedbackLedger(new JdbcTemplate(dataSource));
    }

    @Bean
    @Lazy
    FeedbackSource feedbackSource(@Qualifier("difyDataSource") DataSource dify) {
        return new FeedbackSource(new JdbcTemplate(dify));
    }

    @Bean
    Step feedbackStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            FeedbackTasklet feedbackTasklet) {
        return new StepBuilder(STEP, jobRepository)
                .tasklet(feedbackTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    FeedbackTasklet feedbackTasklet(BackfillRequest request, FeedbackSource feedbackSource, FeedbackLedger feedbackLedger,
            PendingStore pendingStore, FailureLedger failureLedger, FeedbackSender feedbackSender,
            ProjectRoutesLoader projectRoutes, PlatformTransactionManager transactionManager, BackfillSettings settings,
            TraceSteps steps) {
        TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        FeedbackPageWriter writer = new FeedbackPageWriter(feedbackSource,
                new FeedbackMapper(new ContentPolicy(request.content())), feedbackLedger, failureLedger, pendingStore,
                request.pendingScope(), feedbackSender, ownTransaction);
        boolean scansDeletions = request.syncScope() != null && feedbackSender.sends();
        return new FeedbackTasklet(request, feedbackSource, feedbackLedger, pendingStore, failureLedger, writer,
                step -> projectRoutes.routes(step, request), scansDeletions, settings.tuning().chunkSize(),
                steps.rowRate());
    }

    @Bean(destroyMethod = "close")
    @StepScope
    FeedbackSender feedbackSender(BackfillRequest request, ObjectProvider<WeaveDeliveries> weaveDeliveries) {
        return new FeedbackSender(request.sink().sends() ? weaveDeliveries.getObject() : null,
                request.sink().exports() ? Path.of(request.exportDir()) : null);
    }
}
