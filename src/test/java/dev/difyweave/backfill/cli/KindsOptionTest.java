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
                        + "generate_name");
    }
}
