package dev.difyweave.backfill.weave;

import java.util.List;

/** Sends calls to the Weave trace server. */
public final class WeaveHttpSink implements TraceSink {

    private final WeaveDelivery delivery;

    public WeaveHttpSink(WeaveDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public List<DeadLetter> write(String projectId, List<WeaveCall> calls) {
        return delivery.deliver(projectId, calls);
    }
}
