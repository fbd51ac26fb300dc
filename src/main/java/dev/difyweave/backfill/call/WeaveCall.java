package dev.difyweave.backfill.call;

import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Weave call, start and end together, as the backfill sends it. {@code kind} says what it counts
 * as and {@code sourceKey} names the Dify row it came from, both set by the mapper that made it; they
 * travel with the call into the counts and dead letters and never to Weave.
 */
public record WeaveCall(
        String id,
        String traceId,
        String parentId,
        String opName,
        String displayName,
        Instant startedAt,
        Instant endedAt,
        ObjectNode attributes,
        JsonNode inputs,
        JsonNode output,
        String exception,
        ObjectNode summary,
        TraceKind kind,
        SourceKey sourceKey,
        Encoded encoded) {

    /**
     * The call serialised once as upsert items for one project, so batching never serialises it again, with
     * where its start fields ({@code [startFrom, startTo)}) and end fields ({@code [endFrom, endTo)}, from
     * their leading comma) lie in them. {@code released}: the call let go of its inputs and output
     * ({@link WeaveCall#released()}), these bytes are all there is of them. {@code needsCleaning}: what the
     * generator noted while writing them ({@link CheckingGenerator}): a ref prefix or lone surrogate in a
     * string or name, or nesting deeper than Weave accepts.
     */
    public record Encoded(String projectId, byte[] upsertItems, int startFrom, int startTo, int endFrom, int endTo,
            boolean released, boolean needsCleaning) {

        /** The {@code calls/complete} item: {@code {<start fields><end fields>}}, cut from the upsert items. */
        public byte[] completeItem() {
            int startLength = startTo - startFrom;
            int endLength = endTo - endFrom;
            byte[] item = new byte[startLength + endLength + 2];
            item[0] = '{';
            System.arraycopy(upsertItems, startFrom, item, 1, startLength);
            System.arraycopy(upsertItems, endFrom, item, 1 + startLength, endLength);
            item[item.length - 1] = '}';
            return item;
        }

        /** The same bytes, now the only copy of the call's inputs and output. */
        Encoded asOnlyCopy() {
            return new Encoded(projectId, upsertItems, startFrom, startTo, endFrom, endTo, true, needsCleaning);
        }
    }

    public WeaveCall {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(sourceKey, "sourceKey");
    }

    /**
     * The inputs as a tree. A mapper may have left parts of them as the {@link RawJson} they are sent as
     * ({@link StreamedJson}); reading them here parses those parts, so code that reads or changes values
     * sees ordinary trees (the cleaning, the cuts, the content modes and the tests do; sending does not).
     */
    @Override
    public JsonNode inputs() {
        return RawJson.treeOf(inputs);
    }

    /** The output as a tree, like {@link #inputs()}. */
    @Override
    public JsonNode output() {
        return RawJson.treeOf(output);
    }

    /** The inputs as the mapper left them, raw parts included: what is written to Weave. */
    JsonNode inputsAsStored() {
        return inputs;
    }

    JsonNode outputAsStored() {
        return output;
    }

    public WeaveCall(String id, String traceId, String parentId, String opName, String displayName, Instant startedAt,
            Instant endedAt, ObjectNode attributes, JsonNode inputs, JsonNode output, String exception,
            ObjectNode summary, TraceKind kind, SourceKey sourceKey) {
        this(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs, output, exception,
                summary, kind, sourceKey, null);
    }

    public WeaveCall withPayload(ObjectNode attributes, JsonNode inputs, JsonNode output) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, kind, sourceKey, null);
    }

    /** This call with every value Weave reads replaced (what the sanitizer changes). */
    public WeaveCall withValues(String opName, String displayName, ObjectNode attributes, JsonNode inputs,
            JsonNode output, String exception, ObjectNode summary) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, kind, sourceKey, null);
    }

    public WeaveCall withEncoded(Encoded encoded) {
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, attributes, inputs,
                output, exception, summary, kind, sourceKey, encoded);
    }

    /** Where the attributes say which fields were reconstructed: {@code backfill.approximated}. */
    private static final String BACKFILL = "backfill";
    private static final String APPROXIMATED = "approximated";

    /**
     * This call, encoded, without its inputs and output and with of its attributes only what the job counts
     * ({@link #approximated()}): what a chunk keeps of a call between the processor that prepared it and the
     * writer that sends it (its bytes, and the fields the job counts and records). A chunk's calls are in
     * memory until it is written: without the attributes' trees a dry run's collector pauses were 39 % shorter.
     * It can be sent to the project it was encoded for, and to no other.
     */
    public WeaveCall released() {
        if (encoded == null) {
            throw new IllegalStateException("call " + id + " is not encoded: releasing its payload would lose it");
        }
        ObjectNode counted = null;
        if (approximated()) {
            counted = Json.NODES.objectNode();
            counted.putObject(BACKFILL).set(APPROXIMATED, attributes.get(BACKFILL).get(APPROXIMATED));
        }
        return new WeaveCall(id, traceId, parentId, opName, displayName, startedAt, endedAt, counted, null, null,
                exception, summary, kind, sourceKey, encoded.asOnlyCopy());
    }

    /** Whether some field of this call was reconstructed rather than persisted ({@code attributes.backfill.approximated}). */
    public boolean approximated() {
        JsonNode list = attributes == null ? null : attributes.path(BACKFILL).get(APPROXIMATED);
        return list != null && list.isArray() && !list.isEmpty();
    }

    /**
     * The cached bytes when they were made for {@code projectId}, else {@code null} (serialise the values);
     * a released call has no values to serialise for another project and refuses.
     */
    Encoded encodedFor(String projectId) {
        if (encoded == null || encoded.projectId().equals(projectId)) {
            return encoded;
        }
        if (encoded.released()) {
            throw new IllegalStateException("call " + id + " was encoded for project " + encoded.projectId()
                    + " and released its payload; it cannot be serialised for " + projectId);
        }
        return null;
    }

    /**
     * Equal calls are equal whether or not their bytes were cached: {@code encoded} is a cache, not a value (a
     * released call, without inputs and output, equals no unreleased one).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof WeaveCall c && java.util.Objects.equals(id, c.id) && java.util.Objects.equals(traceId, c.traceId)
                && java.util.Objects.equals(parentId, c.parentId) && java.util.Objects.equals(opName, c.opName)
                && java.util.Objects.equals(displayName, c.displayName) && java.util.Objects.equals(startedAt, c.startedAt)
                && java.util.Objects.equals(endedAt, c.endedAt) && java.util.Objects.equals(attributes, c.attributes)
                && java.util.Objects.equals(inputs(), c.inputs()) && java.util.Objects.equals(output(), c.output())
                && java.util.Objects.equals(exception, c.exception) && java.util.Objects.equals(summary, c.summary)
                && kind == c.kind && java.util.Objects.equals(sourceKey, c.sourceKey);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, traceId, parentId, opName, startedAt, endedAt, kind, sourceKey);
    }

    /** The upsert items of this call for a project: the cached bytes when they were made for it. */
    public byte[] upsertItems(String projectId) {
        Encoded cached = encodedFor(projectId);
        return cached != null ? cached.upsertItems() : WeaveJson.upsertItems(projectId, this);
    }

    public boolean isRoot() {
        return parentId == null;
    }
}
