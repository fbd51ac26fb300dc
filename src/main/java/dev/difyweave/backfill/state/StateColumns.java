package dev.difyweave.backfill.state;

/**
 * The lengths, in characters, of the state store's text columns ({@code sql/state/migration/}),
 * for {@link StorableText}. TEXT columns have no limit in PostgreSQL; {@link #REASON} keeps one reason
 * from growing a row without end.
 */
final class StateColumns {

    static final int STEP_NAME = 100;
    static final int PROJECT_ID = 300;
    static final int CALL_ID = 64;
    static final int TRACE_ID = 64;
    static final int OP_NAME = 200;
    static final int DEAD_LETTER_SOURCE_KEY = 200;
    static final int PROBLEM_SOURCE_KEY = 100;
    static final int SOURCE_TABLE = 100;
    static final int SOURCE_COLUMN = 100;
    static final int KIND = 40;
    static final int APP_ID = 36;
    static final int APP_NAME = 255;
    static final int SCOPE = 500;
    static final int REASON = 10_000;
    static final int TEXT = Integer.MAX_VALUE;

    private StateColumns() {
    }
}
