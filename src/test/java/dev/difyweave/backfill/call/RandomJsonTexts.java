package dev.difyweave.backfill.call;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random JSON texts for the byte readers' tests: escapes, characters, numbers and whitespace of every kind. */
final class RandomJsonTexts {

    private static final String[] PIECES = {"a", "Z", "0", " ", "weave", "/", ":", "~", "{", "]", ",", "%", "\u00e9",
            "\u4e2d", "\ud83d\ude00", "\u007f", "\u2028", "\\n", "\\t", "\\r", "\\b", "\\f", "\\\"", "\\\\", "\\/",
            "\\u0041", "\\u00e9", "\\u4E2D", "\\u0000", "\\u001f", "\\u007f", "\\u0022", "\\u005c", "\\u002f",
            "\\ud83d\\ude00", "\\u2028", "\\uFFFF", "weave:///e/p/object/o:1", "weave-trace-internal:///x",
            "\\u0077eave:\\/\\/\\/e", "weave:/", "w"};
    private static final String[] FLAWED_PIECES = {"\\ud800", "\\udc00x", "\\ud83d\\u0041", "\\x", "\\u12g4", "\u0001"};
    private static final String[] NUMBERS = {"0", "-1", "7", "42", "-123456789", "123456789012345678",
            "-123456789012345678", "1.0", "-0.0", "0.5", "1e5", "1E-7", "2.5e+300", "1e-400",
            "0.1000000000000000055511151231257827", "3.141592653589793", "1.7976931348623157E308", "4.9e-324",
            "123.456e2", "-2.0E-3", "2147483647", "2147483648", "-2147483648", "-2147483649"};
    private static final String[] FLAWED_NUMBERS = {"-0", "1234567890123456789", "123456789012345678901234567890",
            "1e400", "01", ".5", "1.", "1e", "-", "+1", "NaN", "Infinity"};

    private RandomJsonTexts() {
    }

    /** An object in one of Python's {@code json.dumps} forms; {@code flawed}: with flaws of every kind now and then. */
    static byte[] document(Random random, boolean flawed) {
        StringBuilder text = new StringBuilder();
        space(random, text);
        object(random, text, 0, flawed);
        space(random, text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        bytes.writeBytes(utf8);
        if (flawed && random.nextInt(6) == 0) {
            byte[][] bad = {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
            int at = 1 + random.nextInt(utf8.length - 1);
            ByteArrayOutputStream spliced = new ByteArrayOutputStream();
            spliced.write(utf8, 0, at);
            spliced.writeBytes(bad[random.nextInt(bad.length)]);
            spliced.write(utf8, at, utf8.length - at);
            return spliced.toByteArray();
        }
        if (flawed && random.nextInt(8) == 0) {
            bytes.writeBytes(" x".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static void value(Random random, StringBuilder text, int depth, boolean flawed) {
        int kind = random.nextInt(depth > 6 ? 4 : 7);
        switch (kind) {
            case 0 -> string(random, text, flawed);
            case 1 -> text.append(pick(random, flawed && random.nextInt(5) == 0 ? FLAWED_NUMBERS : NUMBERS));
            case 2 -> text.append(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 3 -> text.append(pick(random, new String[] {"true", "false", "null"}));
            case 4, 5 -> object(random, text, depth + 1, flawed);
            default -> array(random, text, depth + 1, flawed);
        }
    }

    private static void object(Random random, StringBuilder text, int depth, boolean flawed) {
        text.append('{');
        int members = random.nextInt(6);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                text.append(',');
                space(random, text);
            }
            String name = flawed && !names.isEmpty() && random.nextInt(10) == 0
                    ? names.get(random.nextInt(names.size())) : "k" + i + "_" + random.nextInt(1000) + piece(random, false);
            names.add(name);
            text.append('"').append(name).append('"').append(':');
            space(random, text);
            value(random, text, depth, flawed);
        }
        space(random, text);
        text.append('}');
    }

    private static void array(Random random, StringBuilder text, int depth, boolean flawed) {
        text.append('[');
        int items = random.nextInt(5);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                text.append(',');
                space(random, text);
            }
            value(random, text, depth, flawed);
        }
        text.append(']');
    }

    private static void string(Random random, StringBuilder text, boolean flawed) {
        text.append('"');
        int pieces = random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            text.append(piece(random, flawed));
        }
        text.append('"');
    }

    private static String piece(Random random, boolean flawed) {
        if (flawed && random.nextInt(40) == 0) {
            return pick(random, FLAWED_PIECES);
        }
        String piece = pick(random, PIECES);
        return piece.startsWith("\\") || random.nextBoolean() ? piece : piece.replace("\"", "");
    }

    private static void space(Random random, StringBuilder text) {
        int kind = random.nextInt(6);
        text.append(kind == 0 ? "" : kind == 1 ? "\n  " : kind == 2 ? "\t" : kind == 3 ? "\r\n" : " ");
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
