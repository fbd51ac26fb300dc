package dev.difyweave.backfill.weave;

import java.util.ArrayList;
import java.util.List;

/**
 * One delivery ({@link WeaveDelivery#deliver}, {@link FeedbackDelivery#deliver}): sends its batches to an
 * all-or-nothing {@link BatchEndpoint} and narrows what Weave will not take down to single items, which
 * become {@link Refusal}s (the caller's dead letters).
 *
 * <ul>
 * <li>A 413 or another 4xx (Weave refused something in the request): the batch is halved until the
 * refused items stand alone.</li>
 * <li>A 5xx that outlasted the retries: both halves are probed (with {@link WeaveDelivery#PROBE_RETRIES}
 * retries each) and the halves that still fail are narrowed down the same way. An item that fails alone
 * is refused only once Weave is known to be up: it answered another request after the failure began (a
 * sibling half, or {@link BatchEndpoint#answersAgain}). Otherwise it is an outage: the first failure is
 * thrown, nothing is refused, and the step can resume. An outage costs the batch's retries, two probes
 * and one harmless request.</li>
 * <li>A 429 or a network error (no reply) says nothing about the items: thrown as it is.</li>
 * </ul>
 */
final class DeliveryRound<B extends Halvable<B>> {

    private final BatchEndpoint<B> endpoint;
    /** What one item is called in reasons, and several ("call", "calls"). */
    private final String item;
    private final String items;
    private final WeaveRetry retry;
    private final WeaveRetry probeRetry;
    private final List<Refusal<B>> refusals = new ArrayList<>();
    /** Requests Weave answered (accepted or refused on their merits) in this round. */
    private long answers;

    DeliveryRound(BatchEndpoint<B> endpoint, String item, String items, WeaveRetry retry, WeaveRetry probeRetry) {
        this.endpoint = endpoint;
        this.item = item;
        this.items = items;
        this.retry = retry;
        this.probeRetry = probeRetry;
    }

    /** The items Weave would not take, each alone in its batch, in the order they were found. */
    List<Refusal<B>> refusals() {
        return refusals;
    }

    void send(B batch) {
        WeaveUnavailableException failure = attempt(batch, retry);
        if (failure != null) {
            narrow(batch, failure, false);
        }
    }

    /**
     * Sends the batch and settles every refusal in it; returns the failure when it kept getting a 5xx
     * through every retry (and throws any other transient failure).
     */
    private WeaveUnavailableException attempt(B batch, WeaveRetry retry) {
        WeaveResponse response;
        try {
            response = endpoint.post(batch, retry);
        } catch (WeaveUnavailableException e) {
            if (e.lastServerError() == null) {
                throw e;
            }
            return e;
        }
        answers++;
        if (response.isSuccess()) {
            endpoint.accepted(batch);
        } else if (batch.size() > 1) {
            // 413: the request is too large; other 4xx: some item in it is invalid. Halve and find out.
            for (B half : batch.halves()) {
                WeaveUnavailableException failure = attempt(half, retry);
                if (failure != null) {
                    narrow(half, failure, false);
                }
            }
        } else {
            refusals.add(new Refusal<>(batch, response.status(), response.status() == 413
                    ? item + " too large for Weave even alone: " + WeaveDelivery.oneLine(response.body())
                    : WeaveDelivery.oneLine(response.body())));
        }
        return null;
    }

    /** The batch kept failing with a 5xx; {@code weaveUp}: Weave answered another request since. */
    private void narrow(B batch, WeaveUnavailableException failure, boolean weaveUp) {
        if (batch.size() == 1) {
            if (!weaveUp) {
                requireWeaveUp(batch, failure);
            }
            WeaveResponse last = failure.lastServerError();
            refusals.add(new Refusal<>(batch, last.status(), "Weave kept answering HTTP " + last.status()
                    + " for this " + item + " alone while it accepted other " + items + ": " + WeaveDelivery.oneLine(last.body())));
            return;
        }
        long answersBefore = answers;
        List<B> failed = new ArrayList<>();
        List<WeaveUnavailableException> failures = new ArrayList<>();
        for (B half : batch.halves()) {
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

    /** Throws the failure (an outage) unless Weave still answers a harmless request. */
    private void requireWeaveUp(B batch, WeaveUnavailableException failure) {
        if (!endpoint.answersAgain(batch.projectId())) {
            throw failure;
        }
        answers++;
    }
}
