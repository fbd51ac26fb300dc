package dev.difyweave.backfill.trace;

/**
 * Something in a Dify row the backfill could not take as it is (malformed JSON, an unknown enum
 * value, an orphan reference, an impossible timestamp). The call is still sent, as well as the data
 * allows; the problem is recorded with its source key and counted in the run report.
 */
public record TraceProblem(String table, String key, String column, String reason) {

    public String sourceKey() {
        return table + ":" + key;
    }
}
