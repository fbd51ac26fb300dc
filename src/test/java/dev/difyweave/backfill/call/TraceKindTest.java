package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TraceKindTest {

    @Test
    void theCliNamesAreTheKindsOptionsInReportOrder() {
        assertThat(TraceKind.cliNames()).containsExactly("workflow", "message", "tool", "dataset_retrieval",
                "moderation", "generate_name", "feedback");
        for (TraceKind kind : TraceKind.values()) {
            assertThat(TraceKind.ofCliName(kind.cliName())).isSameAs(kind);
            assertThat(TraceKind.reportOrder(kind.cliName())).isEqualTo(kind.ordinal());
        }
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> TraceKind.ofCliName("workflows"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown kind 'workflows'; known: workflow,message,tool,dataset_retrieval,moderation,generate_name,feedback");
        assertThatThrownBy(() -> TraceKind.ofCliNames(List.of("tool", "Tool"))).hasMessageStartingWith("unknown kind 'Tool'");
        assertThat(TraceKind.ofCliNames(List.of("tool", "workflow", "tool")))
                .containsExactly(TraceKind.WORKFLOW, TraceKind.TOOL);
    }

    @Test
    void aStoredNameNoKindHasSortsLast() {
        // rows an older version wrote ("other": calls without a usable tag) still have a place in the report
        assertThat(TraceKind.reportOrder("other")).isEqualTo(TraceKind.values().length);
        assertThat(TraceKind.reportOrder("generate_name")).isLessThan(TraceKind.reportOrder("other"));
    }

    @Test
    void eachRootServesItsKindsAndChatflowWorkflowsHangOffMessages() {
        assertThat(RootKind.WORKFLOW_RUNS.kinds()).containsExactly(TraceKind.WORKFLOW);
        assertThat(RootKind.MESSAGES.kinds()).containsExactly(TraceKind.WORKFLOW, TraceKind.MESSAGE, TraceKind.TOOL,
                TraceKind.DATASET_RETRIEVAL, TraceKind.MODERATION);
        assertThat(RootKind.CONVERSATIONS.kinds()).containsExactly(TraceKind.GENERATE_NAME);
        assertThat(RootKind.MESSAGES.serves(EnumSet.of(TraceKind.WORKFLOW))).isTrue();
        assertThat(RootKind.MESSAGES.serves(EnumSet.of(TraceKind.GENERATE_NAME))).isFalse();
        assertThat(RootKind.WORKFLOW_RUNS.serves(EnumSet.of(TraceKind.MESSAGE, TraceKind.TOOL))).isFalse();
        assertThat(RootKind.CONVERSATIONS.serves(EnumSet.allOf(TraceKind.class))).isTrue();
        for (TraceKind kind : TraceKind.values()) {
            // feedback is not a call: the job's feedback step sends it, no root step
            assertThat(kind.roots().isEmpty()).as(kind.cliName()).isEqualTo(kind == TraceKind.FEEDBACK);
        }
    }

    @Test
    void aSourceKeyReadsAsTableColonId() {
        UUID id = UUID.fromString("0B7E7D43-6B8E-4F5E-9A51-3C1F0D2A9E11");
        // the text backfill_dead_letter.source_key has always held: lowercase canonical uuid
        assertThat(RootKind.WORKFLOW_RUNS.key(id)).hasToString("workflow_runs:0b7e7d43-6b8e-4f5e-9a51-3c1f0d2a9e11");
        assertThat(RootKind.MESSAGES.key(id).table()).isEqualTo("messages");
        assertThat(RootKind.CONVERSATIONS.key(id)).isEqualTo(new SourceKey("conversations", id));
        assertThat(new SourceKey("message_agent_thoughts", id).id()).isEqualTo(id);
    }
}
