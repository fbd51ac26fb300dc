package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link WeaveDelivery#deliver} call: sends its batches and narrows what Weave will not take down to
 * single calls, which become dead letters.
 *
 * <ul>
 * <li>A 413 or another 4xx (Weave refused something in the request): the batch is halved until the
 * refused calls stand alone.</li>
 * <li>A 5xx that outlasted the retries: both halves are probed (with {@link WeaveDelivery#PROBE_RETRIES}
 * retries each) and the halves that still fail are narrowed down the same way. A call that fails alone
 * is a dead letter only once Weave is known to be up: it answered another request after the failure
 * began (a sibling half, or a re-sent call it accepted before). Otherwise it is an outage: the first
 * failure is thrown, nothing is dead-lettered, and the step can resume. An outage costs the batch's
 * retries, two probes and one re-sent call.</li>
 * <li>A 429 or a network error (no reply) says nothing about the calls: thrown as it is.</li>
 * </ul>
 */
final class DeliveryRound {

    /** Under WeaveDelivery's name, where operators have always found dead letters in the log. */
    private static final Logger log = LoggerFactory.getLogger(WeaveDelivery.class);

    private final WeaveDelivery delivery;
    private final WeaveRetry retry;
    private final WeaveRetry probeRetry;
    private final DeliveryStats stats;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    /** Requests Weave answered (accepted or refused on their merits) in this round. */
    private long answers;

    DeliveryRound(WeaveDelivery delivery, WeaveRetry retry, WeaveRetry probeRetry, DeliveryStats stats) {
        this.delivery = delivery;
        this.retry = retry;
        this.probeRetry = probeRetry;
        this.stats = stats;
    }

    List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    void send(RequestBatch batch) {
        WeaveUnavailableException failure = attempt(batch, retry);
        if (failure != null) {
            narrow(batch, failure, false);
        }
    }

    /**
     * Sends the batch and settles every refusal in it; returns the failure when it kept getting a 5xx
     * through every retry (and throws any other transient failure).
     */
    private WeaveUnavailableException attempt(RequestBatch batch, WeaveRetry retry) {
        WeaveResponse response;
        try {
            response = delivery.post(batch, retry);
        } catch (WeaveUnavailableException e) {
            if (e.lastServerError() == null) {
                throw e;
            }
            return e;
        }
        answers++;
        if (response.isSuccess()) {
            delivery.accepted(batch);
        } else if (batch.size() > 1) {
            // 413: the request is too large; other 4xx: some call in it is invalid. Halve and find out.
            for (RequestBatch half : batch.halves()) {
                WeaveUnavailableException failure = attempt(half, retry);
                if (failure != null) {
                    narrow(half, failure, false);
                }
            }
        } else {
            deadLetter(batch.calls().get(0), response.status(), response.status() == 413
                    ? "call too large for Weave even alone: " + WeaveDelivery.oneLine(response.body())
                    : WeaveDelivery.oneLine(response.body()));
        }
        return null;
    }

    /** The batch kept failing with a 5xx; {@code weaveUp}: Weave answered another request since. */
    private void narrow(RequestBatch batch, WeaveUnavailableException failure, boolean weaveUp) {
        if (batch.size() == 1) {
            if (!weaveUp) {
                requireWeaveUp(batch, failure);
            }
            WeaveResponse last = failure.lastServerError();
            deadLetter(batch.calls().get(0), last.status(), "Weave kept answering HTTP " + last.status()
                    + " for this call alone while it accepted other calls: " + WeaveDelivery.oneLine(last.body()));
            return;
        }
        long answersBefore = answers;
        List<RequestBatch> failed = new ArrayList<>();
        List<WeaveUnavailableException> failures = new ArrayList<>();
        for (RequestBatch half : batch.halves()) {
            WeaveUnavailableException halfFailure = attempt(half, probeRetry);
            if (halfFailure != null) {
                failed.add(half);
                failures.add(halfFailure);
            }
        }
        if (!failed.isEmpty() && answers == answersBefore) {
            requireWeaveUp(batch, failure);
        }
        for (int i = 0; i < failed.size(); i++) {
            narrow(failed.get(i), failures.get(i), true);
        }
    }

    /** Throws the failure (an outage) unless Weave still answers a call it accepted before. */
    private void requireWeaveUp(RequestBatch batch, WeaveUnavailableException failure) {
        if (!delivery.answersAgain(batch.projectId())) {
            throw failure;
        }
        answers++;
    }

    private void deadLetter(WeaveCall call, int status, String reason) {
        log.warn("Weave would not take call {} ({}): a dead letter, HTTP {}: {}", call.id(), call.sourceKey(), status,
                reason);
        stats.deadLettered(1);
        deadLetters.add(new DeadLetter(call, status, reason));
    }
}
