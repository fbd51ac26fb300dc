package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

/**
 * {@link PythonRepr} against CPython 3.11: every expected string below is what
 * {@code print(str(json.loads(<json>)))} prints (generated with python3, not written by hand).
 */
class PythonReprTest {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static String repr(String jsonText) {
        return PythonRepr.of(json(jsonText));
    }

    @Test
    void plainStringsUseSingleQuotes() {
        assertThat(repr("[\"a\", \"What is X?\"]")).isEqualTo("['a', 'What is X?']");
    }

    @Test
    void aStringWithASingleQuoteAndNoDoubleQuoteUsesDoubleQuotes() {
        assertThat(repr("[\"it's\"]")).isEqualTo("[\"it's\"]");
    }

    @Test
    void aStringWithBothQuotesUsesSingleQuotesAndEscapesTheSingleOne() {
        assertThat(repr("[\"both ' and \\\"\"]")).isEqualTo("['both \\' and \"']");
    }

    @Test
    void whitespaceEscapesAndBackslash() {
        assertThat(repr("[\"a\\nb\\tc\\\\d\\re\"]")).isEqualTo("['a\\nb\\tc\\\\d\\re']");
    }

    @Test
    void controlCharactersBecomeHexEscapes() {
        assertThat(repr("[\"\\u0001\\u001f\\u007f\"]")).isEqualTo("['\\x01\\x1f\\x7f']");
    }

    @Test
    void pythonConstants() {
        assertThat(repr("[true, false, null]")).isEqualTo("[True, False, None]");
        assertThat(PythonRepr.of(null)).isEqualTo("None");
    }

    @Test
    void integersAndFloatsAreDistinguished() {
        assertThat(repr("[1, 1.0, 0.5]")).isEqualTo("[1, 1.0, 0.5]");
    }

    @Test
    void floatsUsePythonsExponentFormat() {
        assertThat(repr("[1e-05, 1e16, 0.0001, 123456789.123]")).isEqualTo("[1e-05, 1e+16, 0.0001, 123456789.123]");
    }

    @Test
    void nestedDictsAndLists() {
        assertThat(repr("[{\"k\": [1, {\"x\": null}], \"b\": true}, []]"))
                .isEqualTo("[{'k': [1, {'x': None}], 'b': True}, []]");
    }

    @Test
    void printableUnicodeIsKeptAsIs() {
        assertThat(repr("[\"\u00e9\", \"\u65e5\u672c\u8a9e\", \"\ud83d\ude00\"]"))
                .isEqualTo("['\u00e9', '\u65e5\u672c\u8a9e', '\ud83d\ude00']");
    }

    @Test
    void floatReprDirectly() {
        assertThat(PythonRepr.floatRepr(1.0)).isEqualTo("1.0");
        assertThat(PythonRepr.floatRepr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonRepr.floatRepr(1e22)).isEqualTo("1e+22");
        assertThat(PythonRepr.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonRepr.floatRepr(Double.NaN)).isEqualTo("nan");
        assertThat(PythonRepr.floatRepr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PythonRepr.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertThat(PythonRepr.floatRepr(-0.0)).isEqualTo("-0.0");
        assertThat(PythonRepr.floatRepr(0.0)).isEqualTo("0.0");
    }

    /** Java 17's {@code Double.toString} prints some doubles with more digits than needed; Python never does. */
    @Test
    void floatsUseTheShortestDigitsThatReadBack() {
        assertThat(PythonRepr.floatRepr(8.11511246773595e+17)).isEqualTo("8.11511246773595e+17");
        assertThat(PythonRepr.floatRepr(2.82879384806159e17)).isEqualTo("2.82879384806159e+17");
        assertThat(PythonRepr.floatRepr(Math.pow(2, 1023))).isEqualTo("8.98846567431158e+307");
        assertThat(PythonRepr.floatRepr(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(PythonRepr.floatRepr(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014e-308");
        assertThat(PythonRepr.floatRepr(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(PythonRepr.floatRepr(-1234.5)).isEqualTo("-1234.5");
    }

    /** Python escapes what {@code str.isprintable()} rejects: no-break and ideographic spaces, ZWJ, BOM, ... */
    @Test
    void nonPrintableUnicodeIsEscapedLikePython() {
        assertThat(repr("[\"\\u00a0x\", \"\\u3000\", \"\\u1680\", \"\\u200d\"]"))
                .isEqualTo("['\\xa0x', '\\u3000', '\\u1680', '\\u200d']");
        assertThat(repr("[\"\\udb40\\udc01\", \"\\udb80\\udc00\"]"))
                .isEqualTo("['\\U000e0001', '\\U000f0000']");
        assertThat(repr("[\"a\\u0301\"]")).isEqualTo("['a\u0301']");
    }

    @Test
    void loneSurrogatesAreEscapedLikePython() {
        assertThat(repr("[\"\\ud800\", \"x\\udc00y\"]")).isEqualTo("['\\ud800', 'x\\udc00y']");
    }

    /** JSON text -> CPython's {@code str(json.loads(text))}. */
    static Stream<Arguments> cpython() {
        return Stream.of(
                Arguments.of("[\"a\"]",
                        "['a']"),
                Arguments.of("[\"it's\"]",
                        "[\"it's\"]"),
                Arguments.of("[\"both ' and \\\"\"]",
                        "['both \\' and \"']"),
                Arguments.of("[\"say \\\"hi\\\"\"]",
                        "['say \"hi\"']"),
                Arguments.of("[\"it's \\\\ \\\"quoted\\\"\"]",
                        "['it\\'s \\\\ \"quoted\"']"),
                Arguments.of("[\"line\\nbreak\", \"tab\\there\", \"back\\\\slash\", \"cr\\r\"]",
                        "['line\\nbreak', 'tab\\there', 'back\\\\slash', 'cr\\r']"),
                Arguments.of("[\"\\u0000\\u0001\\u001f\\u007f\"]",
                        "['\\x00\\x01\\x1f\\x7f']"),
                Arguments.of("[\"\\u0008\\u000b\\u000c\"]",
                        "['\\x08\\x0b\\x0c']"),
                Arguments.of("[true, false, null]",
                        "[True, False, None]"),
                Arguments.of("[0, -1, 42, 12345678901234567890]",
                        "[0, -1, 42, 12345678901234567890]"),
                Arguments.of("[1.0, 0.5, -2.5, 100.0, 0.1]",
                        "[1.0, 0.5, -2.5, 100.0, 0.1]"),
                Arguments.of("[1e-05, 1e16, 1E16, 0.0001, 123456789.123]",
                        "[1e-05, 1e+16, 1e+16, 0.0001, 123456789.123]"),
                Arguments.of("[1e-7, 0.001, 12345678.9, 1.5e300, 1e22, 1e308, 2.5e-320]",
                        "[1e-07, 0.001, 12345678.9, 1.5e+300, 1e+22, 1e+308, 2.5e-320]"),
                Arguments.of("[9007199254740993.0, 1234567890123456.7, 0.30000000000000004]",
                        "[9007199254740992.0, 1234567890123456.8, 0.30000000000000004]"),
                Arguments.of("[-0.0]",
                        "[-0.0]"),
                Arguments.of("[2.82879384806159E17, 1.18575755E-316, 2.0E-3]",
                        "[2.82879384806159e+17, 1.18575755e-316, 0.002]"),
                Arguments.of("[{\"k\": [1, {\"x\": null}], \"b\": true}, []]",
                        "[{'k': [1, {'x': None}], 'b': True}, []]"),
                Arguments.of("[{\"it's\": \"v\", \"q\": \"\\\"x\\\"\"}]",
                        "[{\"it's\": 'v', 'q': '\"x\"'}]"),
                Arguments.of("[[], {}, [{}], [[]]]",
                        "[[], {}, [{}], [[]]]"),
                Arguments.of("[\"\u00e9\", \"\u65e5\u672c\u8a9e\", \"\ud83d\ude00\", \"\u00dcn\u00efc\u00f6d\u00e9 \u2713\"]",
                        "['\u00e9', '\u65e5\u672c\u8a9e', '\ud83d\ude00', '\u00dcn\u00efc\u00f6d\u00e9 \u2713']"),
                Arguments.of("[\"\\u00a0\", \"\\u3000\", \"\\u200d\", \"\\u2028\", \"\\u00ad\", \"\\u0085\", \"\\ufeff\", \"\\ue000\"]",
                        "['\\xa0', '\\u3000', '\\u200d', '\\u2028', '\\xad', '\\x85', '\\ufeff', '\\ue000']"),
                Arguments.of("[\"\ud83d\udc68\\u200d\ud83d\udc69\\u200d\ud83d\udc67\"]",
                        "['\ud83d\udc68\\u200d\ud83d\udc69\\u200d\ud83d\udc67']"),
                Arguments.of("[\"\\ud800\", \"x\\udc00y\"]",
                        "['\\ud800', 'x\\udc00y']"),
                Arguments.of("[]",
                        "[]"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cpython")
    void matchesCPython(String jsonText, String expected) {
        assertThat(repr(jsonText)).isEqualTo(expected);
    }

    @Test
    void exponentsBelowTenHaveTwoDigits() {
        assertThat(PythonRepr.floatRepr(1e-9)).isEqualTo("1e-09");
        assertThat(PythonRepr.floatRepr(1e-10)).isEqualTo("1e-10");
        assertThat(PythonRepr.floatRepr(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(PythonRepr.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PythonRepr.floatRepr(1.2345678901234568e17)).isEqualTo("1.2345678901234568e+17");
    }

    /** repr(2.0 ** 89) and repr(2.0 ** -1017): the shortest digits lie on the far side of a power of two. */
    @Test
    void nextToAPowerOfTwoTheShortestDigitsMayNotBeTheNearest() {
        assertThat(PythonRepr.floatRepr(Math.scalb(1.0, 89))).isEqualTo("6.189700196426902e+26");
        assertThat(PythonRepr.floatRepr(Math.scalb(1.0, -1017))).isEqualTo("7.120236347223045e-307");
    }

    /** repr("'hi") and repr('"it\\'s'): double quotes only for a single quote without a double one. */
    @Test
    void theQuoteDependsOnBothQuotesWhereverTheyAre() {
        assertThat(PythonRepr.of(Json.NODES.stringNode("'hi"))).isEqualTo("\"'hi\"");
        assertThat(PythonRepr.of(Json.NODES.stringNode("\"it's"))).isEqualTo("'\"it\\'s'");
    }

    /** repr('\\x1f ~\\x7f\\x80\\xa0\\xad\\u2028\\ufeff\\U000e0001\\U00010000') in CPython. */
    @Test
    void everyEscapeWidthAroundItsBoundaries() {
        assertThat(PythonRepr.of(Json.NODES.stringNode("\u001f ~\u007f\u0080\u00a0\u00ad\u2028\ufeff\uDB40\uDC01\uD800\uDC00")))
                .isEqualTo("'\\x1f ~\\x7f\\x80\\xa0\\xad\\u2028\\ufeff\\U000e0001\uD800\uDC00'");
    }
}
