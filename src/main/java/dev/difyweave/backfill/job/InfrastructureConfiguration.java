package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.FailureLedger;
import dev.difyweave.backfill.state.SerializableCreates;
import dev.difyweave.backfill.state.StateSchema;
import dev.difyweave.backfill.state.StateStore;
import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.call.CallSanitizer;
import dev.difyweave.backfill.weave.DeliveryStats;
import dev.difyweave.backfill.weave.WeaveDeliveries;
import dev.difyweave.backfill.weave.WeaveDelivery;
import dev.difyweave.backfill.weave.WeaveHttpClient;
import dev.difyweave.backfill.weave.WeaveRetry;

/** Wiring only: the state store (primary DataSource, used by Spring Batch), Dify, the Weave client. */
@Configuration(proxyBeanMethods = false)
public class InfrastructureConfiguration {

    @Bean(destroyMethod = "close")
    StateStore stateStore(BackfillSettings settings) {
        return StateStore.open(settings.state());
    }

    @Bean
    @Primary
    HikariDataSource dataSource(StateStore stateStore, BackfillSettings settings) {
        HikariDataSource dataSource = DataSources.state(stateStore.settings(), settings.tuning().stateConnections());
        StateSchema.ensure(dataSource);
        return dataSource;
    }

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @Lazy
    HikariDataSource difyDataSource(BackfillSettings settings) {
        return DataSources.difyReadOnly(settings.requireDify(), settings.tuning().difyConnections(),
                settings.tuning().difyStatementTimeout());
    }

    /** Spring Batch's job repository, its SERIALIZABLE creates run again when PostgreSQL aborts one ({@link SerializableCreates}). */
    @Bean
    static BeanPostProcessor serializableCreatesRetried() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JobRepository repository ? SerializableCreates.retried(repository) : bean;
            }
        };
    }

    @Bean
    FailureLedger failureLedger(DataSource dataSource) {
        return new FailureLedger(new JdbcTemplate(dataSource));
    }

    /** The process's own, when this context is a child of its metrics endpoint ({@code report.MetricsEndpoint}). */
    @Bean
    @ConditionalOnMissingBean
    DeliveryStats deliveryStats() {
        return new DeliveryStats();
    }

    @Bean
    CallSanitizer callSanitizer(BackfillSettings settings) {
        return new CallSanitizer(settings.tuning().maxCallBytes());
    }

    /** The Weave client of the process's own server, created only when something is sent. */
    @Bean
    @Lazy
    WeaveDelivery weaveDelivery(BackfillSettings settings, DeliveryStats stats) {
        settings.requireSending();
        return delivery(settings, stats, settings.weave().serverUrl(), settings.weave().apiKey());
    }

    /** The process's delivery, and one more per other server (a Dify tracing config's host) when routed there. */
    @Bean
    @Lazy
    WeaveDeliveries weaveDeliveries(ObjectProvider<WeaveDelivery> weaveDelivery, BackfillSettings settings,
            DeliveryStats stats) {
        return new WeaveDeliveries(weaveDelivery::getObject, settings.weave().serverUrl(), (url, key) -> {
            settings.requireSending();
            return delivery(settings, stats, url, key == null ? settings.weave().apiKey() : key);
        });
    }

    private static WeaveDelivery delivery(BackfillSettings settings, DeliveryStats stats, java.net.URI server,
            String apiKey) {
        WeaveHttpClient client = new WeaveHttpClient(server, apiKey, settings.tuning().connectTimeout(),
                settings.tuning().readTimeout());
        return new WeaveDelivery(client, new WeaveRetry(settings.tuning().retry(), stats),
                new WeaveDelivery.Settings(settings.tuning().batchBytes(), settings.tuning().batchCalls()), stats);
    }
}
