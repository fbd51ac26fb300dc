package dev.difyweave.backfill.trace;

/**
 * What every call carries in {@code attributes.backfill} (correction C8), with the content mode of the
 * run ({@code --content}: keep, drop or hash).
 */
public record Provenance(String source, String version, String job, String content) {

    /** A run that keeps the content (the default). */
    public Provenance(String source, String version, String job) {
        this(source, version, job, "keep");
    }
}
