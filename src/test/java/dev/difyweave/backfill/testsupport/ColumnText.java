package dev.difyweave.backfill.testsupport;

import java.nio.charset.StandardCharsets;

import dev.difyweave.backfill.call.JsonText;

/** Dify's JSON columns in tests, as the product reads them. */
public final class ColumnText {

    private ColumnText() {
    }

    /**
     * {@code json} as the driver gives it: UTF-8 bytes. Text that UTF-8 cannot hold (a lone surrogate, which no
     * PostgreSQL text has) stays a string, so that tests of such values keep them.
     */
    public static JsonText asRead(String json) {
        if (json == null) {
            return null;
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        return new String(utf8, StandardCharsets.UTF_8).equals(json) ? JsonText.ofUtf8(utf8) : JsonText.of(json);
    }
}
