package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.ConversationRow;
import dev.difyweave.backfill.trace.AssembledTrace;
import dev.difyweave.backfill.trace.ConversationNameMapper;
import dev.difyweave.backfill.trace.Provenance;

class TraceAssemblyProcessorTest {

    private static final UUID CONVERSATION = UUID.fromString("4F1C2D8E-5B7A-4C3E-9D21-0A4B8E6F3C15");
    private static final UUID APP = UUID.fromString("b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e");
    private static final ConversationRow ROW = new ConversationRow(CONVERSATION, APP, UUID.randomUUID(), "chat",
            "Trip to Rome", LocalDateTime.parse("2025-11-20T09:30:00"), UUID.randomUUID(), "hello",
            LocalDateTime.parse("2025-11-20T09:30:15"));

    @Test
    void aRootWhoseMapperBreaksIsAnUnsentTraceUnderItsKeyAndApp() {
        TraceAssemblyProcessor<ConversationRow> processor = new TraceAssemblyProcessor<>(TraceKind.GENERATE_NAME,
                row -> {
                    throw new IllegalStateException("mapper bug");
                });

        AssembledTrace trace = processor.process(ROW);

        assertThat(trace.assemblyFailed()).isTrue();
        assertThat(trace.calls()).isEmpty();
        assertThat(trace.kind()).isEqualTo(TraceKind.GENERATE_NAME);
        assertThat(trace.sourceKey()).isEqualTo(RootKind.CONVERSATIONS.key(CONVERSATION));
        assertThat(trace.sourceKey()).hasToString("conversations:4f1c2d8e-5b7a-4c3e-9d21-0a4b8e6f3c15");
        assertThat(trace.appId()).isEqualTo(APP);
        assertThat(trace.problems()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("conversations");
            assertThat(p.key()).isEqualTo("4f1c2d8e-5b7a-4c3e-9d21-0a4b8e6f3c15");
            assertThat(p.column()).isEqualTo(TraceAssemblyProcessor.UNSENT);
            assertThat(p.reason()).isEqualTo("could not assemble the trace: java.lang.IllegalStateException: mapper bug");
        });
    }

    @Test
    void aMappedRootKeepsTheIdentityItsMapperGaveIt() {
        ConversationNameMapper mapper = new ConversationNameMapper(new Provenance("test", "0", "job"));
        TraceAssemblyProcessor<ConversationRow> processor = new TraceAssemblyProcessor<>(TraceKind.GENERATE_NAME,
                mapper::map);

        AssembledTrace trace = processor.process(ROW);

        assertThat(trace.assemblyFailed()).isFalse();
        assertThat(trace.sourceKey()).isEqualTo(ROW.sourceKey());
        assertThat(trace.appId()).isEqualTo(APP);
        assertThat(trace.calls()).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo(TraceKind.GENERATE_NAME);
            assertThat(call.sourceKey()).isEqualTo(ROW.sourceKey());
        });
    }

    @Test
    void aMessageRootServesEveryKindItsTraceHolds() {
        // a chatflow's workflow and node calls hang off its message
        assertThat(RootKind.MESSAGES.kinds()).extracting(TraceKind::cliName)
                .containsExactlyInAnyOrder("message", "tool", "dataset_retrieval", "moderation", "workflow");
        assertThat(RootKind.WORKFLOW_RUNS.kinds()).containsExactly(TraceKind.WORKFLOW);
        assertThat(RootKind.CONVERSATIONS.kinds()).containsExactly(TraceKind.GENERATE_NAME);
    }
}
