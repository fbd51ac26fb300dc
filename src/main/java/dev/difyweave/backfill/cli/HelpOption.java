package dev.difyweave.backfill.cli;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help}: every command's usage on stdout, exit status 0. Public for {@link ExtraCommand}s. */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;
}
