package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;

import dev.difyweave.backfill.config.BackfillSettings;

/**
 * A command of the jar that the backfill does not define itself (the {@code demo}), found on the class
 * path through {@code META-INF/services/dev.difyweave.backfill.cli.ExtraCommand}; the backfill never
 * imports one. An implementation is its own options object: a picocli {@code @Command} (its name and
 * description) whose {@code @Option} and {@code @Mixin} fields ({@link HelpOption}, {@link OutputOptions},
 * values read by {@link OptionTypes}) the command line fills before {@link #run}.
 */
public interface ExtraCommand {

    /** The word on the command line. */
    String name();

    /** Its line in the command list of the general usage. */
    String summary();

    /** What {@code <name> --help} prints: the usage of its declaration. */
    default String usage() {
        return OptionParser.usage(this);
    }

    /**
     * Runs it with its options read and the configuration validated, like a built-in command: a
     * {@link UsageException} or {@link CommandFailedException} says why it did not succeed.
     */
    int run(BackfillSettings settings, PrintStream out, Clock clock);

    /** The extra commands on the class path, new instances. */
    static List<ExtraCommand> installed() {
        return ServiceLoader.load(ExtraCommand.class, ExtraCommand.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
