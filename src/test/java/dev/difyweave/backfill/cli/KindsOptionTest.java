package dev.difyweave.backfill.cli;

import static dev.difyweave.backfill.cli.ContentOptionTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.job.BackfillRequest;

/** {@code --kinds}: checked against the kinds there are, kept in the job's identity as it always was. */
class KindsOptionTest {

    @Test
    void withoutTheOptionEveryKindIsAskedForUnderTheSameIdentifyingParameter() {
        BackfillRequest all = request("migrate", "--to=2025-06-01");

        assertThat(all.traceKinds()).containsExactly(TraceKind.values());
        // the job instance's identity: the same text as before kinds were typed, or every window restarts
        assertThat(all.toJobParameters().getString(BackfillRequest.KINDS))
                .isEqualTo("dataset_retrieval,generate_name,message,moderation,tool,workflow");
        assertThat(BackfillRequest.fromJobParameters(all.toJobParameters()).traceKinds())
                .containsExactly(TraceKind.values());
        // feedback came later, on by default: the defaults' parameters and pending scope stay what they were
        assertThat(all.toJobParameters().getString(BackfillRequest.FEEDBACK_OFF)).isNull();
        assertThat(all.pendingScope()).startsWith("kinds=dataset_retrieval,generate_name,message,moderation,tool,workflow|apps=");
        assertThat(all.feedback()).isTrue();
    }

    @Test
    void leavingFeedbackOutIsItsOwnIdentifyingParameterAndOnlyFeedbackSendsNoCalls() {
        BackfillRequest calls = request("migrate", "--to=2025-06-01", "--kinds=message,tool");
        BackfillRequest feedback = request("migrate", "--to=2025-06-01", "--kinds=feedback");

        assertThat(calls.toJobParameters().getString(BackfillRequest.FEEDBACK_OFF)).isEqualTo("off");
        // a sync scope (watermark) and the pending roots stay the same whether feedback is sent or not
        assertThat(calls.pendingScope()).startsWith("kinds=message,tool|apps=");
        assertThat(BackfillRequest.fromJobParameters(calls.toJobParameters()).feedback()).isFalse();
        assertThat(feedback.toJobParameters().getString(BackfillRequest.KINDS)).isEmpty();
        assertThat(BackfillRequest.fromJobParameters(feedback.toJobParameters()).traceKinds())
                .containsExactly(TraceKind.FEEDBACK);
    }

    @Test
    void theNamedKindsAreTheRequestsKinds() {
        BackfillRequest some = request("migrate", "--to=2025-06-01", "--kinds=tool,workflow,tool");

        assertThat(some.kinds()).containsExactly("tool", "workflow");
        assertThat(some.traceKinds()).containsExactly(TraceKind.WORKFLOW, TraceKind.TOOL);
    }

    @Test
    void anUnknownKindIsAUsageErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> request("migrate", "--to=2025-06-01", "--kinds=workflow,chat"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--kinds: unknown kind 'chat'; known: workflow,message,tool,dataset_retrieval,moderation,"
                        + "generate_name,feedback");
    }
}
