package dev.difyweave.backfill.call;

import java.nio.charset.StandardCharsets;

/**
 * The double of a decimal number's JSON text, as {@link Double#parseDouble} gives it, for {@link Utf8JsonScanner}:
 * most numbers in Dify's JSON (latencies, scores, prices) have few digits and are read without making a
 * {@code String} (Clinger's fast path); the others by the JDK.
 */
final class DecimalBytes {

    /** Significant digits a long holds below 2^53 (a double exactly), and the powers of ten a double holds exactly. */
    private static final int QUICK_DIGITS = 15;
    private static final int QUICK_POWER = 22;
    private static final double[] EXACT_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private DecimalBytes() {
    }

    /** The decimal number in {@code in[from, to)} (scanned, so well-formed). */
    static double value(byte[] in, int from, int to) {
        double quick = quick(in, from, to);
        if (!Double.isNaN(quick)) {
            return quick;
        }
        return Double.parseDouble(new String(in, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /**
     * The decimal number in {@code in[from, to)} (scanned, so well-formed) when it has at most
     * {@value #QUICK_DIGITS} significant digits and a power of ten within {@value #QUICK_POWER}: both are then
     * doubles exactly, and the one multiplication or division of them, rounded once, is the double nearest the
     * number, which {@link Double#parseDouble} gives (Clinger's fast path); {@code NaN} otherwise.
     */
    private static double quick(byte[] in, int from, int to) {
        int p = from;
        boolean negative = in[p] == '-';
        if (negative) {
            p++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean fraction = false;
        for (; p < to; p++) {
            byte b = in[p];
            if (b >= '0' && b <= '9') {
                if (mantissa != 0 || b != '0') {
                    if (++significant > QUICK_DIGITS) {
                        return Double.NaN;
                    }
                    mantissa = mantissa * 10 + (b - '0');
                }
                if (fraction) {
                    scale++;
                }
            } else if (b == '.') {
                fraction = true;
            } else {
                break; // the exponent's e or E
            }
        }
        int exponent = 0;
        if (p < to) {
            p++;
            boolean negativeExponent = in[p] == '-';
            if (in[p] == '-' || in[p] == '+') {
                p++;
            }
            if (to - p > 3) {
                return Double.NaN;
            }
            for (; p < to; p++) {
                exponent = exponent * 10 + (in[p] - '0');
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        int power = exponent - scale;
        double value;
        if (mantissa == 0) {
            value = 0;
        } else if (power >= 0 && power <= QUICK_POWER) {
            value = mantissa * EXACT_POWERS_OF_TEN[power];
        } else if (power < 0 && power >= -QUICK_POWER) {
            value = mantissa / EXACT_POWERS_OF_TEN[-power];
        } else {
            return Double.NaN;
        }
        return negative ? -value : value;
    }
}
