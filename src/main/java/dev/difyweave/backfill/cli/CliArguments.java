package dev.difyweave.backfill.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <command> [--name=value | --flag]...}. Options may repeat ({@code --app}); unknown ones are
 * an error naming the option.
 */
public final class CliArguments {

    private final String command;
    private final Map<String, List<String>> options;

    private CliArguments(String command, Map<String, List<String>> options) {
        this.command = command;
        this.options = options;
    }

    public static CliArguments parse(String[] args) {
        String command = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                String value = eq < 0 ? null : arg.substring(eq + 1);
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (arg.equals("-h")) {
                options.computeIfAbsent("help", k -> new ArrayList<>()).add(null);
            } else if (command == null) {
                command = arg;
            } else {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
        }
        return new CliArguments(command, options);
    }

    /** These arguments with a job definition's options underneath: the command line wins per option. */
    public CliArguments withDefaults(Map<String, List<String>> defaults) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        defaults.forEach((name, values) -> merged.put(name, joined(values)));
        merged.putAll(options);
        return new CliArguments(command, merged);
    }

    private static List<String> joined(List<String> values) {
        List<String> out = new ArrayList<>();
        out.add(String.join(",", values));
        return out;
    }

    public String command() {
        return command;
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public boolean flag(String name) {
        List<String> values = options.get(name);
        if (values == null) {
            return false;
        }
        String last = values.get(values.size() - 1);
        if (last == null || last.equalsIgnoreCase("true")) {
            return true;
        }
        if (last.equalsIgnoreCase("false")) {
            return false;
        }
        throw new UsageException("--" + name + " takes no value (or true/false), got '" + last + "'");
    }

    public String value(String name) {
        List<String> values = options.get(name);
        if (values == null) {
            return null;
        }
        String last = values.get(values.size() - 1);
        if (last == null || last.isBlank()) {
            throw new UsageException("--" + name + " needs a value: --" + name + "=...");
        }
        return last;
    }

    /** Every value of a repeatable option; comma-separated values are split too. */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (String v : options.getOrDefault(name, List.of())) {
            if (v == null || v.isBlank()) {
                throw new UsageException("--" + name + " needs a value: --" + name + "=...");
            }
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    public void requireOnly(Set<String> allowed) {
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }
}
