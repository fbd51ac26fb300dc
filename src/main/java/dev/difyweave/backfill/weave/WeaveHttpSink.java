package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.util.List;

/** Sends calls to the Weave trace server of their target. */
public final class WeaveHttpSink implements TraceSink {

    private final WeaveDeliveries deliveries;

    public WeaveHttpSink(WeaveDelivery delivery) {
        this(WeaveDeliveries.only(delivery));
    }

    public WeaveHttpSink(WeaveDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public List<DeadLetter> write(String projectId, List<WeaveCall> calls) {
        return write(WeaveTarget.of(projectId), calls);
    }

    @Override
    public List<DeadLetter> write(WeaveTarget target, List<WeaveCall> calls) {
        return deliveries.forTarget(target).deliver(target.projectId(), calls);
    }
}
