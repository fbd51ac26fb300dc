package dev.difyweave.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.mock.env.MockEnvironment;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

class GeneratedContextTest {

    @Test
    void aLocalCommandStartsFromTheBuildsGeneratedCodeWithTheBeansTheConfigurationClassesGive() {
        try (TestDatabase state = TestDatabases.createFresh("generated")) {
            BackfillSettings settings = BackfillSettings.fromEnvironment(environment(state));
            Set<String> generated;
            try (ConfigurableApplicationContext context = BackfillApplication.start(settings)) {
                assertThat(parsesConfigurationClasses(context)).as("started from the generated code").isFalse();
                generated = new TreeSet<>(Set.of(context.getBeanDefinitionNames()));
            }
            Set<String> usual;
            System.setProperty(AotDetector.AOT_ENABLED, "false");
            try (ConfigurableApplicationContext context = BackfillApplication.start(settings)) {
                assertThat(parsesConfigurationClasses(context)).as("-Dspring.aot.enabled=false").isTrue();
                usual = new TreeSet<>(Set.of(context.getBeanDefinitionNames()));
            } finally {
                System.clearProperty(AotDetector.AOT_ENABLED);
            }
            // besides the processors of annotations (which the generated code needs no longer), every bean
            assertThat(withoutAnnotationProcessors(generated)).isEqualTo(withoutAnnotationProcessors(usual))
                    .contains("traceBackfillJob", "workflowTraceReader", "weaveDelivery", "dataSource")
                    // RabbitMQ is for the manager and worker roles only (RabbitOnlyForRemoteRoles)
                    .doesNotContain("rabbitConnectionFactory", "rabbitTemplate", "rabbitListenerContainerFactory");
        }
    }

    /**
     * Boot's own listeners of the environment read Spring's switch before a context sets it: the value an
     * earlier context left must not reach them (off the main thread they would fail to find a main class).
     */
    @Test
    void contextsStartOneAfterTheOtherOnAnyThread() throws Exception {
        try (TestDatabase state = TestDatabases.createFresh("generated")) {
            BackfillSettings settings = BackfillSettings.fromEnvironment(environment(state));
            for (int i = 0; i < 2; i++) {
                CompletableFuture<Boolean> started = CompletableFuture.supplyAsync(() -> {
                    try (ConfigurableApplicationContext context = BackfillApplication.start(settings)) {
                        return parsesConfigurationClasses(context);
                    }
                });
                assertThat(started.get(60, TimeUnit.SECONDS)).as("start %d", i + 1).isFalse();
            }
        }
    }

    @Test
    void aProfileMoreConfigurationThePrometheusRegistryTheSwitchOffOrNoGeneratedCodeMeanTheUsualStart() {
        assertThat(GeneratedContext.applies(new MockEnvironment(), null, true)).isTrue();
        assertThat(GeneratedContext.applies(new MockEnvironment(), "true", true)).isTrue();
        assertThat(GeneratedContext.applies(new MockEnvironment(), "false", true)).isFalse();
        assertThat(GeneratedContext.applies(new MockEnvironment(), "FALSE", true)).isFalse();
        assertThat(GeneratedContext.applies(new MockEnvironment(), null, false)).isFalse();
        MockEnvironment profile = new MockEnvironment();
        profile.setActiveProfiles("staging");
        assertThat(GeneratedContext.applies(profile, null, true)).isFalse();
        MockEnvironment pushgateway = new MockEnvironment()
                .withProperty("management.prometheus.metrics.export.enabled", "true");
        assertThat(GeneratedContext.applies(pushgateway, null, true)).isFalse();
        MockEnvironment moreConfiguration = new MockEnvironment()
                .withProperty("spring.main.sources", "com.example.More");
        assertThat(GeneratedContext.applies(moreConfiguration, null, true)).isFalse();
    }

    private static boolean parsesConfigurationClasses(ConfigurableApplicationContext context) {
        return context.containsBeanDefinition(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME);
    }

    private static Set<String> withoutAnnotationProcessors(Set<String> names) {
        Set<String> result = new TreeSet<>(names);
        result.removeIf(name -> name.startsWith("org.springframework.context.annotation.internal")
                || name.equals("org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory"));
        return result;
    }

    private static Map<String, String> environment(TestDatabase state) {
        Map<String, String> env = new HashMap<>(Map.of("BACKFILL_DB_URL", state.jdbcUrl(), "BACKFILL_DB_USERNAME",
                state.username()));
        if (state.password() != null) {
            env.put("BACKFILL_DB_PASSWORD", state.password());
        }
        return env;
    }
}
