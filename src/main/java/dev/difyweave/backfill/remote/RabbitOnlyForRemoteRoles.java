package dev.difyweave.backfill.remote;

import java.util.Set;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Boot's RabbitMQ auto-configuration only in the contexts of the roles that use it ({@code backfill.role}
 * {@code manager} and {@code worker}): a local command's context (and the code generated from it at build
 * time) would otherwise make Boot's connection factory, with the JDK's default SSL context, and its listener
 * annotation processor, which looks at every bean: 50-80 ms of an empty {@code sync}'s start. The property
 * {@code spring.autoconfigure.exclude} cannot say this, as it excludes for every role. Registered in
 * {@code META-INF/spring.factories}.
 */
public class RabbitOnlyForRemoteRoles implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final Set<String> RABBIT = Set.of(RabbitAutoConfiguration.class.getName(),
            RabbitHealthContributorAutoConfiguration.class.getName(), RabbitMetricsAutoConfiguration.class.getName());

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean remote = !"local".equals(environment.getProperty("backfill.role", "local"));
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            String candidate = autoConfigurationClasses[i]; // null: left out by an earlier filter
            match[i] = remote || candidate == null || !RABBIT.contains(candidate);
        }
        return match;
    }
}
