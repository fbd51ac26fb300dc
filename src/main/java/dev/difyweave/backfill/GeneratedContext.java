package dev.difyweave.backfill;

import org.springframework.aot.AotDetector;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.aot.AotApplicationContextInitializer;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.difyweave.backfill.BackfillApplication.Role;

/**
 * Whether a context starts from the bean definitions Spring's AOT processing generated at build time
 * ({@link BuildTimeContext}): then no configuration class is parsed and no condition evaluated at start
 * (about 0.2 s of an empty-window {@code sync}). The generated code holds what the conditions decided at
 * build time, so it serves only a context they would decide the same for: a local command (not
 * {@code --remote}, not a worker), not under a metrics endpoint ({@code worker}, {@code schedule} with
 * {@code management.server.port}), no Spring profile, no extra configuration ({@code spring.main.sources}),
 * the Prometheus registry off (no Pushgateway). Any other context, every context with
 * {@code -Dspring.aot.enabled=false}, and every context of a build without the generated code (an IDE's)
 * starts the usual way.
 *
 * <p>Spring reads one switch per JVM for generated code ({@code spring.aot.enabled}); a process may start
 * several contexts one after the other, so each sets the switch for itself: off when it starts (Boot's own
 * listeners of the environment read it too), then on or off once its environment is known (Boot's
 * {@link ApplicationEnvironmentPreparedEvent}, after the config files are read); its initializer applies the
 * generated definitions only when the switch is on.
 */
public final class GeneratedContext implements AotApplicationContextInitializer<ConfigurableApplicationContext>,
        ApplicationListener<SpringApplicationEvent> {

    static final String INITIALIZER = BuildTimeContext.class.getName() + "__ApplicationContextInitializer";

    private final boolean candidate;

    private GeneratedContext(boolean candidate) {
        this.candidate = candidate;
    }

    /** For a command's context: {@code child} when it starts under the process's metrics endpoint. */
    static GeneratedContext forCommand(Role role, boolean child) {
        return new GeneratedContext(role == Role.LOCAL && !child);
    }

    /** For a context the build did not generate code for: it always starts the usual way. */
    public static GeneratedContext never() {
        return new GeneratedContext(false);
    }

    /** Adds it to a context about to start. */
    public SpringApplicationBuilder addTo(SpringApplicationBuilder builder) {
        return builder.listeners(this).initializers(this);
    }

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationStartingEvent) {
            // off until this context's environment is known (Boot's own listeners read it before that)
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
        } else if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            // the build's own AOT processing starts from the configuration classes, not from an earlier build's code
            boolean use = candidate && !Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
                    && applies(prepared.getEnvironment(), System.getProperty(AotDetector.AOT_ENABLED),
                            ClassUtils.isPresent(INITIALIZER, GeneratedContext.class.getClassLoader()));
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, Boolean.toString(use));
        }
    }

    /**
     * @param switchedTo the JVM's {@code spring.aot.enabled}, {@code null} when not given
     * @param generated  whether the build generated the code
     */
    static boolean applies(Environment environment, String switchedTo, boolean generated) {
        return generated && !"false".equalsIgnoreCase(switchedTo)
                && environment.getActiveProfiles().length == 0 && !environment.containsProperty("spring.main.sources")
                && !environment.getProperty("management.prometheus.metrics.export.enabled", Boolean.class, false);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (AotDetector.useGeneratedArtifacts()) {
            AotApplicationContextInitializer.forInitializerClasses(INITIALIZER).initialize(context);
        }
    }
}
