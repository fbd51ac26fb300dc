package dev.difyweave.backfill.weave;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which replies count as the trace server's: JSON by type, or by what the body starts with. */
class WeaveResponseTest {

    @Test
    void jsonAndJsonLinesByTheirContentType() {
        assertThat(reply("application/json; charset=utf-8", "{}").isJson()).isTrue();
        assertThat(reply("application/jsonl", "{\"id\":\"a\"}\n").isJson()).isTrue();
        assertThat(reply("application/problem+json", "{\"detail\":\"x\"}").isJson()).isTrue();
        assertThat(reply("application/json", "").isJson()).as("the type decides when it says JSON").isTrue();
    }

    @Test
    void aJsonBodyUnderAnotherTypeIsStillJson() {
        assertThat(reply("text/plain", "  {\"res\": []}").isJson()).isTrue();
        assertThat(reply(null, "[1]").isJson()).isTrue();
    }

    @Test
    void markupAndPlainTextAreNot() {
        assertThat(reply("text/html; charset=utf-8", "<!doctype html><title>Sign in</title>").isJson()).isFalse();
        assertThat(reply(null, "<html>502 Bad Gateway</html>").isJson()).isFalse();
        assertThat(reply("text/plain", "OK").isJson()).isFalse();
        assertThat(reply("text/plain", "").isJson()).isFalse();
    }

    private static WeaveResponse reply(String contentType, String body) {
        return new WeaveResponse(200, null, body, contentType);
    }
}
