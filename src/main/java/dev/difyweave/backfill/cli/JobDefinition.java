package dev.difyweave.backfill.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A job definition from {@code jobs/} (README "Job definitions"): a name, the command it runs, its
 * window, filters, kinds, target, sizes and, for {@code schedule}, a cron expression. Its keys are the
 * options of its command (the same declaration, see {@link #optionKeys}); its values are the defaults
 * of the command line, options given on the command line win.
 */
public record JobDefinition(Path file, String name, String command, String schedule, Map<String, List<String>> options) {

    private static final List<String> OWN_KEYS = List.of("name", "command", "schedule", "description");
    private static final Map<String, String> ALIASES = Map.of("apps", "app", "tenants", "tenant");
    private static final Set<String> COMMANDS = Set.of("migrate", "sync");

    public static JobDefinition load(Path file) {
        Object parsed;
        try (Reader reader = Files.newBufferedReader(file)) {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new UsageException("--job: cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UsageException("--job: " + file + " is not valid YAML: " + Reasons.flatten(String.valueOf(e.getMessage())));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new UsageException("--job: " + file + " must be a YAML mapping (name, command, kinds, ...)");
        }
        String name = map.containsKey("name") ? scalar(file, "name", map.get("name")) : null;
        String command = map.containsKey("command") ? scalar(file, "command", map.get("command")) : "sync";
        String schedule = map.containsKey("schedule") ? scalar(file, "schedule", map.get("schedule")) : null;
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new UsageException("--job: " + file + ": 'name' is required (letters, digits, . _ -), got " + name);
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("--job: " + file + ": 'command' must be migrate or sync, got '" + command + "'");
        }
        List<String> keys = optionKeys(command);
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (OWN_KEYS.contains(key)) {
                continue;
            }
            String option = ALIASES.getOrDefault(key, key);
            if (!keys.contains(option)) {
                throw new UsageException("--job: " + file + ": unknown key '" + key + "'; known: "
                        + String.join(", ", OWN_KEYS) + ", " + String.join(", ", keys));
            }
            options.put(option, values(file, key, entry.getValue()));
        }
        return new JobDefinition(file, name, command, schedule, options);
    }

    /** The keys a definition of {@code command} may hold besides its own: the command's options but --job and --help. */
    static List<String> optionKeys(String command) {
        Object options = command.equals("migrate") ? new MigrateCommand.Options() : new SyncCommand.Options();
        return OptionParser.options(options).stream().filter(o -> !o.usageHelp()).map(OptionParser::key)
                .filter(key -> !key.equals("job")).toList();
    }

    private static String scalar(Path file, String key, Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            throw new UsageException("--job: " + file + ": '" + key + "' must be a single value");
        }
        if (value instanceof java.util.Date date) {
            // YAML timestamps arrive as instants; never let the JVM zone format them
            return date.toInstant().toString();
        }
        return String.valueOf(value);
    }

    private static List<String> values(Path file, String key, Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                out.add(scalar(file, key, item));
            }
        } else if (value instanceof Boolean flag) {
            out.add(flag.toString());
        } else {
            out.add(scalar(file, key, value));
        }
        return out;
    }
}
