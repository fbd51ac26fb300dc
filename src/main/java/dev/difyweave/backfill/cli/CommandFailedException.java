package dev.difyweave.backfill.cli;

/** A command that ran and did not succeed: its exit status and one line saying why. */
public class CommandFailedException extends RuntimeException {

    private final int exitStatus;

    public CommandFailedException(int exitStatus, String reason) {
        super(reason);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
