package dev.difyweave.backfill;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import dev.difyweave.backfill.cli.BackfillCli;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.report.MetricsEndpoint;

/**
 * Entry point. The command line is parsed and the configuration validated before Spring starts, so
 * {@code --help} and configuration errors answer at once; then a Spring context runs the command.
 */
@SpringBootApplication
public class BackfillApplication {

    public static void main(String[] args) {
        initializeLogging();
        System.exit(BackfillCli.standard().run(args));
    }

    /**
     * With structured logging asked for in system properties or the environment
     * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE}), Boot's logging set up once before the command line is
     * read, so that what a command logs before its Spring context starts (the preflight) is JSON like
     * what it logs after. Left uninitialized for Boot, so that each command's context sets it up again
     * from its whole configuration. Plain text needs none of it: logback.xml is that already.
     */
    private static void initializeLogging() {
        StandardEnvironment environment = new StandardEnvironment();
        if (environment.getProperty("logging.structured.format.console") == null) {
            return;
        }
        LoggingSystem logging = LoggingSystem.get(BackfillApplication.class.getClassLoader());
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        logging.cleanUp();
    }

    /**
     * What this process does with partitions: runs them on its own threads, sends them to workers over
     * RabbitMQ ({@code --remote}), or is such a worker ({@code worker}). Property {@code backfill.role}.
     */
    public enum Role {
        LOCAL, MANAGER, WORKER
    }

    /**
     * The Spring Batch context for one command, with the validated settings as a bean; its environment
     * starts from the settings' own sources (command line, system properties, environment variables),
     * and Boot adds the same config files and trees the settings were read from.
     */
    public static ConfigurableApplicationContext start(BackfillSettings settings) {
        return start(settings, Role.LOCAL);
    }

    /**
     * Under a long-running process's metrics endpoint ({@link MetricsEndpoint}), the context is its child:
     * its meters go to the registry the endpoint serves.
     */
    public static ConfigurableApplicationContext start(BackfillSettings settings, Role role) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(BackfillApplication.class)
                .environment(settings.source().newEnvironment());
        ConfigurableApplicationContext metrics = MetricsEndpoint.parent();
        if (metrics != null) {
            builder.parent(metrics);
        }
        return GeneratedContext.forCommand(role, metrics != null).addTo(builder)
                .properties("backfill.role=" + role.name().toLowerCase(java.util.Locale.ROOT))
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // a command builds only the beans it uses (a cron sync of a quiet window starts ~0.4 s sooner);
                // the remote roles build everything at once, their message listeners must start with the context
                .lazyInitialization(role == Role.LOCAL)
                // GracefulShutdown stops a running job first; the context is closed by the command
                .registerShutdownHook(false)
                .initializers(context -> context.getBeanFactory().registerSingleton("backfillSettings", settings))
                .run();
    }
}
