package dev.difyweave.backfill.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.FeedbackText;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.PythonJsonLength;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.SourceKey;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.TraceRoot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The small rules the mappers share: token counts, the annotation limit, Python's timedelta, staleness. */
class TraceHelpersTest {

    private static final UUID ID = UUID.fromString("4f1c2d8e-5b7a-4c3e-9d21-0a4b8e6f3c15");
    private static final Instant START = Instant.parse("2025-11-20T08:15:02.123456Z");

    private static long count(SourceProblems problems, String json, long fallback) {
        JsonNode container = Json.MAPPER.readTree("{\"n\":" + json + "}");
        return problems.count(container, "n", fallback, "messages", ID, "message_metadata");
    }

    @Test
    void wholeCountsAreReadAsTheyAre() {
        SourceProblems problems = new SourceProblems();
        assertThat(count(problems, "42", 7)).isEqualTo(42);
        assertThat(count(problems, "3.0", 7)).isEqualTo(3);
        assertThat(count(problems, "null", 7)).isEqualTo(7);
        assertThat(problems.count(null, "n", 7, "messages", ID, "c")).isEqualTo(7);
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void otherCountsAreReadAsWellAsTheyCanAndRecorded() {
        SourceProblems problems = new SourceProblems();
        assertThat(count(problems, "2.5", 7)).isEqualTo(2);
        assertThat(count(problems, "\" 12 \"", 7)).isEqualTo(12);
        assertThat(count(problems, "\"many\"", 7)).isEqualTo(7);
        assertThat(count(problems, "{\"a\":1}", 7)).isEqualTo(7);
        assertThat(count(problems, new BigInteger("10").pow(30).toString(), 7)).isEqualTo(Long.MAX_VALUE);

        assertThat(problems.list()).extracting(TraceProblem::reason).containsExactly(
                "message_metadata.n is 2.5, not a whole number; 2 is used",
                "message_metadata.n is the string \" 12 \"; read as 12",
                "message_metadata.n is not a number (\"many\"); 7 is used",
                "message_metadata.n is not a number ({\"a\":1}); 7 is used",
                "message_metadata.n is 1000000000000000000000000000000, not a whole number; 9223372036854775807 is used");
        assertThat(problems.list().get(0).sourceKey()).isEqualTo("messages:" + ID);
    }

    /** {"question": "...", "answer": "..."} takes 30 characters besides its two texts as json.dumps writes it. */
    private static ObjectNode annotation(int questionChars, int answerChars) {
        ObjectNode payload = Json.NODES.objectNode().put("question", "q".repeat(questionChars))
                .put("answer", "a".repeat(answerChars));
        assertThat(PythonJsonLength.of(payload)).isEqualTo(30L + questionChars + answerChars);
        return payload;
    }

    @Test
    void anAnnotationOfExactlyTheLimitIsLeftAlone() {
        int answer = (int) FeedbackText.MAX_PAYLOAD_CHARS - 40;
        ObjectNode payload = annotation(10, answer);

        assertThat(AnnotationFitter.fit(payload)).isFalse();
        assertThat(payload.get("answer").stringValue()).hasSize(answer);
        assertThat(AnnotationFitter.fit(annotation(10, 10))).isFalse();
    }

    @Test
    void oneCharacterMoreCutsTheLongerTextOnly() {
        ObjectNode payload = annotation(10, (int) FeedbackText.MAX_PAYLOAD_CHARS - 39);

        assertThat(AnnotationFitter.fit(payload)).isTrue();

        assertThat(payload.get("question").stringValue()).isEqualTo("q".repeat(10));
        assertThat(payload.get("answer").stringValue()).endsWith("of 1048537 chars]");
        assertThat(PythonJsonLength.of(payload)).isLessThanOrEqualTo(FeedbackText.MAX_PAYLOAD_CHARS);
    }

    @Test
    void pythonTimedeltaUpToNineBillionSeconds() {
        assertThat(DifyTime.plusSeconds(START, 9e9)).isEqualTo(START.plusSeconds(9_000_000_000L));
        assertThat(DifyTime.plusSeconds(START, 1.25)).isEqualTo(START.plusMillis(1250));
        assertThat(DifyTime.plusSeconds(START, -1)).isEqualTo(START);
        assertThat(DifyTime.plusSeconds(START, Double.NaN)).isEqualTo(START);
    }

    @Test
    void rootsCreatedBeforeAsOfMinusAfterAreStale() {
        Instant asOf = Instant.parse("2025-11-21T00:00:00Z");
        assertThat(new Staleness(asOf, Duration.ofHours(6)).staleBefore()).isEqualTo(Instant.parse("2025-11-20T18:00:00Z"));
        assertThat(new Staleness(asOf, Duration.ZERO).staleBefore()).isEqualTo(asOf);
        assertThatThrownBy(() -> new Staleness(asOf, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--stale-after must not be negative");
    }

    @Test
    void aFailedAssemblyIsATraceWithoutCallsUnderItsRoot() {
        UUID app = UUID.fromString("b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e");
        TraceRoot root = new TraceRoot() {
            @Override
            public SourceKey sourceKey() {
                return RootKind.MESSAGES.key(ID);
            }

            @Override
            public UUID appId() {
                return app;
            }
        };
        TraceProblem problem = new TraceProblem("messages", ID.toString(), "unsent", "broken");

        AssembledTrace trace = AssembledTrace.failed(TraceKind.MESSAGE, root, problem);

        assertThat(trace.assemblyFailed()).isTrue();
        assertThat(trace.calls()).isEmpty();
        assertThat(trace.problems()).containsExactly(problem);
        assertThat(trace.sourceKey()).isEqualTo(RootKind.MESSAGES.key(ID));
        assertThat(trace.appId()).isEqualTo(app);
        assertThat(trace.kind()).isEqualTo(TraceKind.MESSAGE);
    }
}
