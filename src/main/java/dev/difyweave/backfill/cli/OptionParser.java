package dev.difyweave.backfill.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reads a command's options into its options object, a picocli {@code @Command} whose {@code @Option}s
 * are the one declaration of each option: its parsing, its line in the usage, its key in a job
 * definition. Wrong input is a {@link UsageException} with the one-line reasons of cli.md.
 */
final class OptionParser {

    static final String JAR = "java -jar dify-weave-backfill.jar";
    private static final int WIDTH = 110;

    private OptionParser() {
    }

    /**
     * Fills {@code options} from {@code args}; {@code defaults} (a job definition's values, by option
     * name without dashes) stand for the options the arguments do not give.
     *
     * @return the parsed command, to read options by name
     */
    static CommandSpec parse(Object options, List<String> args, Map<String, List<String>> defaults) {
        CommandLine line = commandLine(options);
        line.setDefaultValueProvider(arg -> arg instanceof OptionSpec option && defaults.containsKey(key(option))
                ? String.join(",", defaults.get(key(option))) : null);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(reason(e));
        }
        return line.getCommandSpec();
    }

    /** What {@code <command> --help} prints. */
    static String usage(Object options) {
        CommandLine line = commandLine(options);
        line.setHelpFactory(FlagsWithoutValue::new);
        return line.getUsageMessage(Help.Ansi.OFF);
    }

    /** The declared options of a command, in the order of its usage. */
    static List<OptionSpec> options(Object options) {
        return commandLine(options).getCommandSpec().options();
    }

    /** An option's name as job definitions write it: {@code --chunk-size} is {@code chunk-size}. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static CommandLine commandLine(Object options) {
        CommandLine line = new CommandLine(options);
        CommandSpec spec = line.getCommandSpec();
        spec.usageMessage().customSynopsis(JAR + " " + spec.name() + " [options]").sortOptions(false).width(WIDTH)
                .descriptionHeading("%n").optionListHeading("%nOptions:%n").footerHeading("%n")
                .longOptionsMaxWidth(28);
        line.setOverwrittenOptionsAllowed(true);
        line.setExpandAtFiles(false);
        return line;
    }

    /** The usage of a flag is {@code --dry-run}, though it takes {@code =true} and {@code =false} too. */
    private static final class FlagsWithoutValue extends Help {

        FlagsWithoutValue(CommandSpec spec, Help.ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public IParamLabelRenderer parameterLabelRenderer() {
            IParamLabelRenderer labels = super.parameterLabelRenderer();
            return new IParamLabelRenderer() {
                @Override
                public Help.Ansi.Text renderParameterLabel(ArgSpec arg, Help.Ansi ansi, List<Help.Ansi.IStyle> styles) {
                    return arg.type() == boolean.class ? ansi.new Text("") : labels.renderParameterLabel(arg, ansi, styles);
                }

                @Override
                public String separator() {
                    return labels.separator();
                }
            };
        }
    }

    private static String reason(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            return arg.startsWith("-") ? "unknown option " + arg.split("=", 2)[0] : "unexpected argument '" + arg + "'";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return needsValue(option.longestName());
        }
        if (e.getCause() instanceof TypeConversionException wrong && e.getArgSpec() instanceof OptionSpec option) {
            return OptionTypes.NEEDS_VALUE.equals(wrong.getMessage()) ? needsValue(option.longestName())
                    : option.longestName() + " " + wrong.getMessage();
        }
        return e.getMessage();
    }

    private static String needsValue(String name) {
        return name + " needs a value: " + name + "=...";
    }
}
