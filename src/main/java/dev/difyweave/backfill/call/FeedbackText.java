package dev.difyweave.backfill.call;

/**
 * Weave's limits on feedback text, counted as its Python server counts them: a note holds 1 to
 * {@value #MAX_NOTE_CHARS} characters (code points), a payload at most {@value #MAX_PAYLOAD_CHARS}
 * characters as {@code json.dumps} writes it ({@link PythonJsonLength}). Longer texts are cut visibly, at a
 * code-point boundary, with the same marker as cut call values; lone surrogates become U+FFFD.
 */
public final class FeedbackText {

    public static final int MAX_NOTE_CHARS = 1024;
    public static final long MAX_PAYLOAD_CHARS = 1024L * 1024;

    private FeedbackText() {
    }

    /** The note for a comment: {@code null} for none (null or empty), else at most 1024 characters. */
    public static String note(String comment) {
        if (comment == null || comment.isEmpty()) {
            return null;
        }
        String text = CallCleaner.replaceLoneSurrogates(comment);
        int total = text.codePointCount(0, text.length());
        if (total <= MAX_NOTE_CHARS) {
            return text;
        }
        int keep = MAX_NOTE_CHARS - markerLength(MAX_NOTE_CHARS, total);
        while (keep + 1 + markerLength(keep + 1, total) <= MAX_NOTE_CHARS) {
            keep++; // the marker names fewer kept characters than the limit: it may be a digit shorter
        }
        return text.substring(0, text.offsetByCodePoints(0, keep)) + SizeCutter.marker(keep, total);
    }

    private static int markerLength(int kept, int total) {
        String marker = SizeCutter.marker(kept, total);
        return marker.codePointCount(0, marker.length());
    }

    /** Whether {@link #note} cuts this comment. */
    public static boolean noteIsCut(String comment) {
        return comment != null && comment.codePointCount(0, comment.length()) > MAX_NOTE_CHARS;
    }

    /**
     * {@code text} (lone surrogates repaired) as it is when {@code json.dumps} of it takes at most
     * {@code budget} characters, else its longest code-point prefix that fits with the marker.
     */
    public static String fitPythonLength(String text, long budget) {
        String clean = CallCleaner.replaceLoneSurrogates(text);
        if (PythonJsonLength.ofString(clean) <= budget) {
            return clean;
        }
        int total = clean.codePointCount(0, clean.length());
        long room = budget - PythonJsonLength.ofString(SizeCutter.marker(total, total));
        long used = 0;
        int end = 0;
        int kept = 0;
        while (end < clean.length()) {
            int next = clean.offsetByCodePoints(end, 1);
            long cost = 0;
            for (int i = end; i < next; i++) {
                cost += PythonJsonLength.ofChar(clean.charAt(i));
            }
            if (used + cost > room) {
                break;
            }
            used += cost;
            end = next;
            kept++;
        }
        return clean.substring(0, end) + SizeCutter.marker(kept, total);
    }
}
