package dev.difyweave.backfill.cli;

import java.util.List;

/** One line for stderr out of an exception chain: the deepest message that says something. */
public final class Reasons {

    private Reasons() {
    }

    public static String oneLine(Throwable e) {
        String first = null;
        String root = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                String message = t.getClass().getSimpleName() + ": " + t.getMessage();
                first = first == null ? message : first;
                root = message;
            }
        }
        if (first == null) {
            return flatten(e.toString());
        }
        return flatten(first.contains(root.substring(root.indexOf(": ") + 2)) ? first : first + "; caused by " + root);
    }

    /** The first failure of a job execution, flattened. */
    public static String oneLine(List<Throwable> failures, String exitDescription) {
        if (!failures.isEmpty()) {
            return oneLine(failures.get(0));
        }
        return flatten(exitDescription == null || exitDescription.isBlank() ? "no reason recorded" : exitDescription);
    }

    static String flatten(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }
}
