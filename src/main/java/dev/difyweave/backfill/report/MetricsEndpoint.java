package dev.difyweave.backfill.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import dev.difyweave.backfill.GeneratedContext;

/**
 * The Prometheus scrape endpoint of a long-running process ({@code worker}, {@code schedule}): when
 * {@code management.server.port} is set, a small web application on that port (and on
 * {@code management.server.address}, when set) serves {@code /actuator/prometheus} from the process's
 * meter registry, with Boot's own embedded Tomcat and actuator endpoint ({@link MetricsEndpointContext}).
 * Unset (the default), nothing is started and nothing changes.
 *
 * <p>The endpoint's context is the parent of every command context the process starts while it is open
 * ({@link #parent()}, used by {@code BackfillApplication.start}): a child finds the parent's meter and
 * observation registries and {@code DeliveryStats} instead of making its own, so Spring Batch's meters
 * and the backfill's ({@link BackfillMetrics}) of every run a scheduler fires, or every partition a
 * worker runs, add up in the one registry the endpoint reads. One endpoint per process, like its port.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** The Spring property that turns the endpoint on. */
    public static final String PORT_PROPERTY = "management.server.port";

    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);
    private static final AtomicReference<ConfigurableApplicationContext> open = new AtomicReference<>();

    private final ConfigurableApplicationContext context;

    private MetricsEndpoint(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the endpoint when {@code management.server.port} is set, in the environment a command's
     * context would see (system properties, environment variables such as {@code MANAGEMENT_SERVER_PORT},
     * {@code application.properties} and Boot's other config files); otherwise returns an endpoint that
     * is not there. Close it when the process's work is done.
     */
    public static MetricsEndpoint open() {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        Integer port = environment.getProperty(PORT_PROPERTY, Integer.class);
        if (port == null || port < 0) {
            return new MetricsEndpoint(null);
        }
        ConfigurableApplicationContext context = GeneratedContext.never()
                .addTo(new SpringApplicationBuilder(MetricsEndpointContext.class))
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .run(arguments(port, environment.getProperty("management.server.address")));
        if (!open.compareAndSet(null, context)) {
            context.close();
            throw new IllegalStateException("this process already serves its metrics");
        }
        int actual = ((WebServerApplicationContext) context).getWebServer().getPort();
        log.info("serving Prometheus metrics on port {} at /actuator/prometheus", actual);
        return new MetricsEndpoint(context);
    }

    /** The context every command context of this process is a child of, {@code null} without an endpoint. */
    public static ConfigurableApplicationContext parent() {
        return open.get();
    }

    /**
     * What the endpoint's context changes of {@code application.properties}, which is written for the
     * command contexts (no web server, no endpoint): a web application on the port, the Prometheus
     * registry on and its endpoint alone exposed, read-only. The management port is the server's own
     * port here (the context serves nothing else), so Boot runs no second, management-only server.
     */
    private static String[] arguments(int port, String address) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.main.web-application-type", "servlet");
        properties.put("server.port", Integer.toString(port));
        if (address != null && !address.isBlank()) {
            properties.put("server.address", address);
        }
        properties.put(PORT_PROPERTY, "");
        properties.put("spring.autoconfigure.exclude", "");
        properties.put("management.prometheus.metrics.export.enabled", "true");
        properties.put("management.endpoints.web.exposure.include", "prometheus");
        properties.put("management.endpoints.web.exposure.exclude", "");
        properties.put("management.endpoint.prometheus.access", "read-only");
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    @Override
    public void close() {
        if (context != null) {
            open.compareAndSet(context, null);
            context.close();
        }
    }
}
