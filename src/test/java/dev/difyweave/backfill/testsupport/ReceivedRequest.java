package dev.difyweave.backfill.testsupport;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One request the fake received.
 *
 * @param uri        the request target as sent (path and raw query), to assert e.g. that no API key is in a URL
 * @param headers    request headers; keys are case-insensitive
 * @param bodyBytes  body size on the wire (before any gzip decoding)
 * @param status     the status the fake answered (or would have answered, for a lost reply)
 * @param replyLost  true if the connection was dropped instead of replying (LOST_REPLY, or a stall cut by close)
 * @param fault      the fault injected into this request, or null
 */
public record ReceivedRequest(
        String method,
        URI uri,
        Map<String, List<String>> headers,
        long bodyBytes,
        int status,
        boolean replyLost,
        Fault fault) {

    public String path() {
        return uri.getRawPath();
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
