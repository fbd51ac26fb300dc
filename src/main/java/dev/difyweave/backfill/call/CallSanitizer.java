package dev.difyweave.backfill.call;

import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Makes a call safe to send to Weave without losing it. Every change is visible in the value itself and
 * listed, by path ({@code inputs.query}, {@code output.items[2]}, {@code display_name}), in
 * {@code attributes.backfill}; a listed path covers everything below it.
 * <ul>
 * <li><b>Refs (C14)</b>, listed in {@code escaped}: Weave reads every string value of a request as a
 * possible ref, JSON text inside strings included ({@link WeaveRefRule}). A string it would try to resolve
 * is prefixed with {@value #REF_ESCAPE}; the prefix also stops a JSON text from being decoded by Weave, so
 * a JSON answer holding a ref is escaped whole. Checked: op_name, display_name, attributes, inputs,
 * exception, output, summary. JSON text that only mentions a ref in prose is left alone.</li>
 * <li><b>Depth (C13)</b>, listed in {@code flattened}: Weave refuses (413) a request nested deeper than 200
 * levels. A container that would sit deeper than {@value CallCleaner#MAX_BODY_LEVELS} levels of the
 * upsert_batch body becomes a string: {@value CallCleaner#FLATTEN_MARKER} followed by its JSON text.</li>
 * <li><b>Size (C13)</b>, listed in {@code truncated}: a call over the cap (3 MiB of UTF-8 by default,
 * measured on the upsert items that are sent) is cut, the biggest parts first, small siblings untouched
 * ({@link CallFitter}, {@link SizeCutter}): strings keep their beginning, cut on a code point, and end with
 * {@code …[truncated by dify-weave-backfill: kept K of N chars]}; arrays with too many elements keep the
 * first ones and end with {@code …[D of N elements dropped by dify-weave-backfill]}; objects with too many
 * members drop the largest and say so in a member {@value SizeCutter#DROPPED_KEY}. The final bytes are
 * measured again.</li>
 * <li>Lone UTF-16 surrogates (possible through JSON escapes in Dify's text columns) become U+FFFD, in keys
 * too (not listed).</li>
 * </ul>
 * The lists themselves are kept small (at most 1/64 of the cap each, up to 8 KiB): when there are too many
 * paths, their ancestors are listed instead ({@link ChangeList}); they count toward the cap like the rest.
 */
public final class CallSanitizer {

    public static final String REF_PREFIX = WeaveRefRule.REF_PREFIX;
    public static final String REF_ESCAPE = "[escaped] ";
    public static final long DEFAULT_MAX_CALL_BYTES = 3L * 1024 * 1024;

    private final long maxCallBytes;
    private final long listBytes;
    private final CallFitter fitter;

    public CallSanitizer(long maxCallBytes) {
        this.maxCallBytes = maxCallBytes;
        this.listBytes = Math.max(256, Math.min(8 * 1024, maxCallBytes / 64));
        this.fitter = new CallFitter(maxCallBytes, listBytes);
    }

    public WeaveCall sanitize(WeaveCall call) {
        return sanitize(call, SIZING_PROJECT);
    }

    /**
     * The safe call, serialised once for {@code projectId}: the bytes used to measure it are the bytes
     * that will be sent, attached to the call.
     */
    public WeaveCall sanitize(WeaveCall call, String projectId) {
        WeaveCall.Encoded encoded = encodedAsItIs(projectId, call);
        WeaveCall cleaned = call;
        if (encoded == null || encoded.needsCleaning()) {
            cleaned = CallCleaner.clean(call, listBytes);
            if (encoded == null || cleaned != call) {
                encoded = WeaveJson.encode(projectId, cleaned);
            }
        }
        if (encoded.upsertItems().length <= maxCallBytes) {
            return cleaned.withEncoded(encoded);
        }
        return fitter.fit(cleaned, projectId, encoded.upsertItems());
    }

    /**
     * The fast path, taken by nearly every call: serialise it as it is, noting on the way whether it needs
     * the cleaning walk ({@link WeaveCall.Encoded#needsCleaning}); {@code null} when it is nested too deeply
     * even to be written.
     */
    private static WeaveCall.Encoded encodedAsItIs(String projectId, WeaveCall call) {
        try {
            return WeaveJson.encode(projectId, call);
        } catch (StreamConstraintsException tooDeep) {
            return null;
        }
    }

    /** The project id used when a call is only measured (the id's length hardly matters). */
    static final String SIZING_PROJECT = "entity/project";

    static String replaceLoneSurrogates(String s) {
        return CallCleaner.replaceLoneSurrogates(s);
    }

    static String marker(int kept, int total) {
        return SizeCutter.marker(kept, total);
    }
}
