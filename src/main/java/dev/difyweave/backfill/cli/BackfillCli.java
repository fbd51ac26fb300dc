package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import dev.difyweave.backfill.BuildInfo;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.config.Redact;
import dev.difyweave.backfill.config.SettingsSource;
import dev.difyweave.backfill.job.Preflight;

/**
 * The command line of cli.md: reads the command's options (see {@link OptionParser}), then the
 * configuration (see {@link SettingsSource}), validates both before any work, runs the command and
 * maps its outcome to an exit status with a one-line reason on stderr. An argument
 * {@code --name.with.dots=value} is a Spring property, as in any Spring Boot application
 * ({@code --spring.config.location=...}, {@code --dify.db.url=...}).
 */
public final class BackfillCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int LOST_CALLS = 3;
    public static final int BUSY = 4;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final List<ExtraCommand> extras = ExtraCommand.installed();
    /** The secrets to mask in reasons: the environment's and the command line's, then every source's of the settings. */
    private Set<String> secrets;

    public BackfillCli(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static BackfillCli standard() {
        return new BackfillCli(System.getenv(), System.out, System.err, Clock.systemUTC());
    }

    public int run(String[] argv) {
        String command = null;
        List<String> args = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        secrets = new HashSet<>(Redact.secretsOf(env));
        for (String arg : argv) {
            if (isProperty(arg)) {
                int eq = arg.indexOf('=');
                if (eq < 0) {
                    return usage(Usage.general(extras), arg + " needs a value: " + arg + "=...");
                }
                properties.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (command == null && !arg.startsWith("-")) {
                command = arg;
            } else {
                args.add(arg);
            }
        }
        secrets.addAll(Redact.secretsOf(properties));
        boolean help = args.contains("--help") || args.contains("-h");
        if (command == null && args.contains("--version") || "version".equals(command)) {
            out.println(BuildInfo.NAME + " " + BuildInfo.version());
            return OK;
        }
        if (command == null || command.equals("help")) {
            out.print(Usage.general(extras));
            return help || "help".equals(command) ? OK : USAGE;
        }
        Object options = options(command);
        if (options == null) {
            return usage(Usage.general(extras), "unknown command '" + command + "'");
        }
        if (help) {
            out.print(OptionParser.usage(options));
            return OK;
        }
        try {
            CommandSpec parsed = OptionParser.parse(options, args, Map.of());
            SettingsSource source = SettingsSource.of(env, properties);
            secrets = source.secrets();
            BackfillSettings settings = BackfillSettings.from(source);
            String label = command;
            OptionSpec job = parsed.findOption("job");
            if (job != null && job.getValue() != null) {
                JobDefinition definition = JobDefinition.load(Path.of((String) job.getValue()));
                options = options(command);
                OptionParser.parse(options, args, definition.options());
                label = definition.name();
            }
            return run(command, options, settings, label, properties);
        } catch (UsageException e) {
            return usage(OptionParser.usage(options(command)), e.getMessage());
        } catch (ConfigurationException e) {
            reason("configuration error: " + e.getMessage());
            return USAGE;
        } catch (CommandFailedException e) {
            reason(command + ": " + e.getMessage());
            return e.exitStatus();
        } catch (RuntimeException e) {
            ConfigurationException configuration = configurationCause(e);
            if (configuration != null) {
                // found while Spring built a bean (the embedded state store's schema, say): still a setting to fix
                reason("configuration error: " + configuration.getMessage());
                return USAGE;
            }
            reason(command + " failed: " + Reasons.oneLine(e));
            return FAILED;
        }
    }

    private static ConfigurationException configurationCause(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException configuration) {
                return configuration;
            }
        }
        return null;
    }

    /** A new options object of {@code command}, {@code null} for an unknown command. */
    private Object options(String command) {
        return switch (command) {
            case "migrate" -> new MigrateCommand.Options();
            case "sync" -> new SyncCommand.Options();
            case "status" -> new StatusCommand.Options();
            case "stop" -> new StopCommand.Options();
            case "verify" -> new VerifyCommand.Options();
            case "schedule" -> new ScheduleCommand.Options();
            case "worker" -> new WorkerCommand.Options();
            default -> extra(command).orElse(null);
        };
    }

    private int run(String command, Object options, BackfillSettings settings, String label, Map<String, String> properties) {
        return switch (command) {
            case "migrate" -> new MigrateCommand(settings, out, clock).run((MigrateCommand.Options) options, label);
            case "sync" -> new SyncCommand(settings, out, clock).run((SyncCommand.Options) options, label);
            case "status" -> new StatusCommand(settings, out).run((StatusCommand.Options) options);
            case "stop" -> new StopCommand(settings, out).run((StopCommand.Options) options);
            case "verify" -> new VerifyCommand(settings, out, clock).run((VerifyCommand.Options) options, label);
            case "schedule" -> new ScheduleCommand(out, clock, jobArgs -> run(withProperties(jobArgs, properties)),
                    new Preflight(settings)::stores).run((ScheduleCommand.Options) options);
            case "worker" -> new WorkerCommand(settings, out).run((WorkerCommand.Options) options);
            default -> ((ExtraCommand) options).run(settings, out, clock);
        };
    }

    /** A command this jar has beside the backfill's own (the demo), see {@link ExtraCommand}; a new instance. */
    private Optional<ExtraCommand> extra(String name) {
        return ExtraCommand.installed().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** {@code --name.with.dots=value}: no option of ours has a dot in its name, every Spring property has one. */
    private static boolean isProperty(String arg) {
        int end = arg.indexOf('=') < 0 ? arg.length() : arg.indexOf('=');
        return arg.startsWith("--") && arg.substring(2, end).contains(".");
    }

    /** The arguments of a scheduled run, with the Spring properties of this command line. */
    private static String[] withProperties(String[] args, Map<String, String> properties) {
        List<String> all = new ArrayList<>(List.of(args));
        properties.forEach((name, value) -> all.add("--" + name + "=" + value));
        return all.toArray(String[]::new);
    }

    private int usage(String text, String reason) {
        reason("error: " + reason);
        err.print(text);
        return USAGE;
    }

    /** The one line on stderr that says why; no password, key or URL credentials of the settings in it. */
    private void reason(String line) {
        err.println(Redact.text(line, secrets));
    }
}
