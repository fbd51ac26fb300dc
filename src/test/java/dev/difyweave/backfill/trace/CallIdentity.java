package dev.difyweave.backfill.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.testsupport.CallTags;

/** Checks on the identity the mappers give each call. */
final class CallIdentity {

    private CallIdentity() {
    }

    /**
     * Every call of {@code trace} carries the kind its tags name (what the run report and {@code verify}
     * counted it as when they read kinds from tags), so counting by kind counts the same.
     */
    static void assertKindsMatchTags(AssembledTrace trace) {
        for (WeaveCall call : trace.calls()) {
            assertThat(call.kind().cliName()).as("kind of %s (%s)", call.id(), call.opName())
                    .isEqualTo(CallTags.kind(call.attributes(), call.opName()));
        }
    }
}
