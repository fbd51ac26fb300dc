package dev.difyweave.backfill.call;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON mapper of the process. Limits are wide enough for Dify's largest payloads (a 10 MB
 * node output is a single string) but keep a hard nesting limit: deeper documents are treated as
 * malformed and sent as raw text. Parsers and generators take their buffers from a pool per thread
 * (Jackson 3's default, one pool shared by all threads, cost 2 % of a dry run's CPU in its queue).
 * Doubles are written by Jackson's Schubfach writer: the shortest text that reads back as the same double, as
 * Python's {@code repr} and Java 19's {@code Double.toString} write it (the same characters as Java 25's, in
 * two million random doubles); Java 17's {@code Double.toString} writes a longer text for a few doubles
 * ({@code 4.6386673363599088E16} for {@code 4.638667336359909E16}, JDK-4511638) and took 1.8 % of a dry
 * run's CPU.
 */
public final class Json {

    public static final int MAX_NESTING_DEPTH = 500;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.threadLocalPool())
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(512 * 1024 * 1024)
                            .maxDocumentLength(-1)
                            .build())
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH + 16)
                            .build())
                    .build())
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json() {
    }
}
