package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A JSON column as bytes: blank as its text is blank, decoded only when asked, equal by its text. */
class JsonTextTest {

    @Test
    void blankAsTheTextIsBlank() {
        for (String text : new String[] {"", " ", " \t\r\n", "\u001c\u001f", "\u2003", " \u3000 ", "\u00a0", " {}", "\u2003x",
                "\u00e9", "null"}) {
            assertThat(bytes(text).isBlank()).as("'%s'", text).isEqualTo(text.isBlank());
            assertThat(JsonText.of(text).isBlank()).as("'%s'", text).isEqualTo(text.isBlank());
        }
    }

    @Test
    void nullStaysNull() {
        assertThat(JsonText.of(null)).isNull();
        assertThat(JsonText.ofUtf8(null)).isNull();
    }

    @Test
    void bytesAreReadUnlessTheyStartWithAByteOrderMark() {
        assertThat(bytes("{\"a\": \"\u00e9\"}").readsBytes()).isTrue();
        assertThat(bytes("\ufeff{\"a\": 1}").readsBytes()).isFalse();
        assertThat(JsonText.of("{\"a\": 1}").readsBytes()).isFalse();
    }

    @Test
    void equalByText() {
        assertThat(bytes("{\"a\": \"\u00e9\"}")).isEqualTo(JsonText.of("{\"a\": \"\u00e9\"}"))
                .hasSameHashCodeAs(JsonText.of("{\"a\": \"\u00e9\"}"));
        assertThat(bytes("{\"a\": \"\u00e9\"}").text()).isEqualTo("{\"a\": \"\u00e9\"}");
        assertThat(bytes("{}")).isNotEqualTo(bytes("{ }"));
    }

    private static JsonText bytes(String text) {
        return JsonText.ofUtf8(text.getBytes(StandardCharsets.UTF_8));
    }
}
