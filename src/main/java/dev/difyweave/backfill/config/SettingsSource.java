package dev.difyweave.backfill.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where the settings of one command come from: Spring Boot's environment, built the way Boot builds
 * it, before any context starts. In precedence order: {@code --name=value} properties of the command
 * line, JVM system properties, environment variables, config trees and files
 * ({@code spring.config.import}, e.g. the {@code optional:configtree:/run/secrets/} of
 * application.properties), {@code ./config/application.yml} and the other standard locations
 * ({@code spring.config.location} replaces them, {@code spring.config.additional-location} adds).
 * {@link #get} reads a {@link Setting}: its property with relaxed binding, else its variable's own
 * name, source by source; a blank value is unset. Every context a command starts begins from the
 * same inputs ({@link #newEnvironment()}), so Boot's own properties come from the same places.
 */
public final class SettingsSource {

    private static final String COMMAND_LINE = "commandLineArgs";
    private static final String ATTACHED = "configurationProperties";

    private final Map<String, Object> variables;
    private final Map<String, Object> commandLine;
    private final List<PropertySource<?>> sources = new ArrayList<>();
    private final List<ConfigurationPropertySource> relaxed = new ArrayList<>();

    private SettingsSource(Map<String, String> variables, Map<String, String> commandLine) {
        this.variables = Map.copyOf(variables);
        this.commandLine = Map.copyOf(commandLine);
        ConfigurableEnvironment environment = newEnvironment();
        try {
            ConfigDataEnvironmentPostProcessor.applyTo(environment);
        } catch (RuntimeException e) {
            // a named file that is missing or does not parse: a configuration error like any other, on one line
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
            throw new ConfigurationException(("a configuration file cannot be read: " + reason).replaceAll("\\s+", " "));
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!source.getName().equals(ATTACHED)) {
                sources.add(source);
                relaxed.add(ConfigurationPropertySource.from(source));
            }
        }
    }

    /** The settings of environment variables alone (and the config files they and the working directory name). */
    public static SettingsSource of(Map<String, String> variables) {
        return of(variables, Map.of());
    }

    /**
     * @param variables   the process's environment variables ({@code System.getenv()})
     * @param commandLine the {@code --name=value} properties of the command line, name to value
     */
    public static SettingsSource of(Map<String, String> variables, Map<String, String> commandLine) {
        return new SettingsSource(variables, commandLine);
    }

    /** The value of {@code variable} (a {@link Setting}'s name), from whichever source comes first; {@code null} when unset. */
    public String get(String variable) {
        Setting setting = Setting.named(variable);
        ConfigurationPropertyName property = setting.property() == null ? null
                : ConfigurationPropertyName.of(setting.property());
        for (int i = 0; i < sources.size(); i++) {
            String value = null;
            if (property != null && relaxed.get(i) != null) {
                ConfigurationProperty found = relaxed.get(i).getConfigurationProperty(property);
                value = found == null ? null : text(found.getValue());
            }
            if (value == null) {
                value = text(sources.get(i).getProperty(variable));
            }
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * The environment for a Spring context of this command, before Boot adds its config data: the
     * same command line, system properties and environment variables as these settings.
     */
    public ConfigurableEnvironment newEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        if (!commandLine.isEmpty()) {
            sources.addFirst(new MapPropertySource(COMMAND_LINE, new HashMap<>(commandLine)));
        }
        return environment;
    }

    /** The secrets of every source (see {@link Redact#secretsOf}), to keep them out of messages. */
    public Set<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        for (PropertySource<?> source : sources) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                Map<String, String> values = new HashMap<>();
                for (String name : enumerable.getPropertyNames()) {
                    String value = text(enumerable.getProperty(name));
                    if (value != null) {
                        values.put(name, value);
                    }
                }
                secrets.addAll(Redact.secretsOf(values));
            }
        }
        return secrets;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }

    /** The names of the sources, never a value. */
    @Override
    public String toString() {
        return "SettingsSource" + sources.stream().map(PropertySource::getName).collect(Collectors.toList());
    }
}
