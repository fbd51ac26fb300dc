package dev.difyweave.backfill.cli;

/** A command line that cannot be run: the usage is printed with the reason, exit status 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
