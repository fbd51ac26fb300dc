package dev.difyweave.backfill.trace;

/** What every call carries in {@code attributes.backfill} (correction C8). */
public record Provenance(String source, String version, String job) {
}
