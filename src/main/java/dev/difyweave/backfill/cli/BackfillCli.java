package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.difyweave.backfill.BuildInfo;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.config.Redact;
import dev.difyweave.backfill.job.Preflight;

/**
 * The command line of cli.md: parses, validates the configuration before any work, runs the command
 * and maps its outcome to an exit status with a one-line reason on stderr.
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
        CliArguments args;
        try {
            args = CliArguments.parse(argv);
        } catch (UsageException e) {
            return usage(Usage.general(extras), e.getMessage());
        }
        String command = args.command();
        if (command == null && args.has("version") || "version".equals(command)) {
            out.println(BuildInfo.NAME + " " + BuildInfo.version());
            return OK;
        }
        if (command == null || command.equals("help")) {
            out.print(Usage.general(extras));
            return args.has("help") || "help".equals(command) ? OK : USAGE;
        }
        String help = switch (command) {
            case "migrate" -> Usage.MIGRATE;
            case "sync" -> Usage.SYNC;
            case "status" -> Usage.STATUS;
            case "stop" -> Usage.STOP;
            case "verify" -> Usage.VERIFY;
            case "schedule" -> Usage.SCHEDULE;
            case "worker" -> Usage.WORKER;
            default -> extra(command).map(ExtraCommand::usage).orElse(null);
        };
        if (help == null) {
            return usage(Usage.general(extras), "unknown command '" + command + "'");
        }
        if (args.has("help")) {
            out.print(help);
            return OK;
        }
        try {
            BackfillSettings settings = BackfillSettings.fromEnvironment(env);
            String label = command;
            if (args.has("job")) {
                JobDefinition job = JobDefinition.load(Path.of(args.value("job")));
                args = args.withDefaults(job.options());
                label = job.name();
            }
            return switch (command) {
                case "migrate" -> new MigrateCommand(settings, out, clock).run(args, label);
                case "sync" -> new SyncCommand(settings, out, clock).run(args, label);
                case "status" -> new StatusCommand(settings, out).run(args);
                case "stop" -> new StopCommand(settings, out).run(args);
                case "verify" -> new VerifyCommand(settings, out, clock).run(args, label);
                case "schedule" -> new ScheduleCommand(out, clock, this::run, new Preflight(settings)::stores).run(args);
                case "worker" -> new WorkerCommand(settings, out).run(args);
                default -> extra(command).orElseThrow().run(args, settings, out, clock);
            };
        } catch (UsageException e) {
            return usage(help, e.getMessage());
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

    /** A command this jar has beside the backfill's own (the demo), see {@link ExtraCommand}. */
    private Optional<ExtraCommand> extra(String name) {
        return extras.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private int usage(String text, String reason) {
        reason("error: " + reason);
        err.print(text);
        return USAGE;
    }

    /** The one line on stderr that says why; no password, key or URL credentials of the environment in it. */
    private void reason(String line) {
        err.println(Redact.text(line, Redact.secretsOf(env)));
    }
}
