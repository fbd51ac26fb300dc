package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.MessageRows.M;
import static dev.difyweave.backfill.trace.MessageRows.PROVENANCE;
import static dev.difyweave.backfill.trace.MessageRows.message;
import static dev.difyweave.backfill.trace.MessageRows.thought;
import static dev.difyweave.backfill.trace.MessageRows.toolMeta;
import static dev.difyweave.backfill.trace.TraceRows.node;
import static dev.difyweave.backfill.trace.TraceRows.nodeId;
import static dev.difyweave.backfill.trace.TraceRows.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;

/**
 * Values the mapping cannot take as they are become problems, never silent changes (issue 12, point 7),
 * and a root Dify never finished is sent as what it is (C15).
 */
class NoSilentChangeTest {

    private static final String FILES_URL = "http://127.0.0.1:5001";
    private static final Instant AS_OF = Instant.parse("2025-11-23T10:15:02.123456Z");
    private static final Staleness STALENESS = new Staleness(AS_OF, Duration.ofDays(1));

    private final WorkflowTraceMapper workflows = new WorkflowTraceMapper(PROVENANCE, STALENESS);
    private final MessageTraceMapper messages = new MessageTraceMapper(PROVENANCE, FILES_URL, STALENESS);

    @Test
    void aTotalTokensThatIsNotANumberIsRecordedNotSilentlyZero() {
        AssembledTrace trace = workflows.map(run().nodes(
                node(1, "code").metadata("{\"total_tokens\": \"lots\"}"),
                node(2, "code").inputs("{\"x\": 1}").metadata("{\"total_tokens\": \"17\"}"),
                node(3, "code").metadata("{\"total_tokens\": 12.5}"),
                node(4, "code").metadata("{\"total_tokens\": 9}")).build());

        assertThat(reasons(trace, nodeId(1).toString())).singleElement().asString()
                .contains("execution_metadata.total_tokens is not a number (\"lots\"); 0 is used");
        assertThat(reasons(trace, nodeId(2).toString())).singleElement().asString()
                .contains("is the string \"17\"; read as 17");
        assertThat(reasons(trace, nodeId(3).toString())).singleElement().asString()
                .contains("is 12.5, not a whole number; 12 is used");
        assertThat(reasons(trace, nodeId(4).toString())).isEmpty();
        assertThat(nodeCall(trace, 2).inputs().path("usage_metadata").path("total_tokens").asLong()).isEqualTo(17);
    }

    @Test
    void llmUsageOfAnotherTypeIsRecorded() {
        AssembledTrace trace = workflows.map(run().nodes(node(1, "llm").processData(
                "{\"model_name\": \"gpt-4o\", \"usage\": {\"prompt_tokens\": {\"n\": 3}, \"completion_tokens\": 4}}"))
                .build());

        assertThat(reasons(trace, nodeId(1).toString())).singleElement().asString()
                .contains("process_data.prompt_tokens is not a number ({\"n\":3}); 0 is used");
        assertThat(nodeCall(trace, 1).summary().path("usage").path("gpt-4o").path("total_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void aToolErrorThatIsNotAStringStillMakesTheCallFailed() {
        AssembledTrace trace = messages.map(message().mode("agent-chat").thoughts(
                thought(1, "google_search", "{}", "{}",
                        "{\"google_search\": {\"time_cost\": 0.5, \"error\": {\"code\": 503, \"message\": \"down\"}}}",
                        LocalDateTime.parse("2025-11-20T09:30:16")),
                thought(2, "wikipedia", "{}", "{}", "{" + toolMeta("wikipedia", 0.1, null) + "}",
                        LocalDateTime.parse("2025-11-20T09:30:17"))).build(), Set.of(TraceKind.TOOL));

        WeaveCall failed = trace.calls().get(0);
        assertThat(failed.exception()).isEqualTo("{\"code\":503,\"message\":\"down\"}");
        assertThat(failed.summary().path("status_counts").path("error").asInt()).isEqualTo(1);
        assertThat(trace.calls().get(1).exception()).isNull();
        assertThat(trace.problems()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("message_agent_thoughts");
            assertThat(p.reason()).contains("tool_meta_str.google_search.error is not a string (object)");
        });
    }

    @Test
    void anUnknownAppModeAndMessageStatusAreRecordedAndSent() {
        AssembledTrace trace = messages.map(message().mode("voice-chat").status("archived", null).build(),
                Set.of(TraceKind.MESSAGE));

        assertThat(trace.calls()).isNotEmpty();
        assertThat(trace.problems()).extracting(TraceProblem::column, TraceProblem::reason).anySatisfy(p ->
                assertThat(p.toList()).containsExactly("app_mode", "unknown app mode 'voice-chat', sent as a chat-like message"));
        assertThat(trace.problems()).extracting(TraceProblem::reason)
                .contains("unknown message status 'archived', sent as is");
    }

    @Test
    void aRunStillRunningAfterStaleAfterIsSentWithItsStatusAndAge() {
        AssembledTrace trace = workflows.map(run().status("running").finishedAt(null).nodes(
                node(1, "start"), node(2, "llm").status("running")).build());
        WeaveCall root = trace.calls().get(0);

        assertThat(root.exception()).isEqualTo("workflow run " + TraceRows.RUN_ID + " was still 'running' in Dify "
                + "3 days 2 hours after it started (as of 2025-11-23T10:15:02.123456Z); dify-weave-backfill sent it "
                + "as it is after --stale-after=PT24H");
        assertThat(root.attributes().path("backfill").path("approximated").toString())
                .isEqualTo("[\"ended_at\",\"exception\"]");
        // the latest time Dify has: the end of its last node, never the time of the backfill
        assertThat(root.endedAt()).isEqualTo(trace.calls().stream().map(WeaveCall::endedAt).max(Instant::compareTo)
                .orElseThrow()).isBefore(AS_OF);
        assertThat(trace.calls()).hasSize(3);
        assertThat(trace.problems()).extracting(TraceProblem::reason)
                .containsExactly("run still 'running' after --stale-after, sent as it is");
    }

    @Test
    void aMessageWhoseAnswerWasNeverSavedIsSentAsWhatItIs() {
        AssembledTrace trace = messages.map(message().prompt("\"\"").answer("").build(), Set.of(TraceKind.MESSAGE));
        WeaveCall root = trace.calls().get(0);

        assertThat(root.id()).isEqualTo(M);
        assertThat(root.exception()).startsWith("message " + M + " was still without a saved answer in Dify 3 days");
        assertThat(root.attributes().path("backfill").path("approximated").toString())
                .isEqualTo("[\"inputs\",\"exception\"]");
    }

    @Test
    void aPausedMessageWithAnErrorKeepsTheErrorAfterWhyItWasSent() {
        AssembledTrace trace = messages.map(message().status("paused", "waiting for a human").build(),
                Set.of(TraceKind.MESSAGE));
        WeaveCall root = trace.calls().get(0);

        assertThat(root.exception()).startsWith("message " + M + " was still 'paused' in Dify 3 days")
                .endsWith("after --stale-after=PT24H: waiting for a human");
        assertThat(trace.problems()).extracting(TraceProblem::reason)
                .containsExactly("message still 'paused' after --stale-after, sent as it is");
    }

    @Test
    void ageIsWrittenInDaysAndHoursOrHoursAndMinutes() {
        assertThat(Staleness.age(Duration.ofHours(49).plusMinutes(5))).isEqualTo("2 days 1 hour");
        assertThat(Staleness.age(Duration.ofMinutes(75))).isEqualTo("1 hour 15 min");
        assertThat(Staleness.age(Duration.ofDays(1))).isEqualTo("1 day 0 hours");
    }

    private static List<String> reasons(AssembledTrace trace, String key) {
        return trace.problems().stream().filter(p -> p.key().equals(key)).map(TraceProblem::reason).toList();
    }

    private static WeaveCall nodeCall(AssembledTrace trace, int n) {
        return trace.calls().stream().filter(c -> c.id().equals(nodeId(n).toString())).findFirst().orElseThrow();
    }
}
