package dev.difyweave.backfill.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;

/** Which fault, if any, the next write request gets: queued faults first, then seeded random ones. Thread-safe. */
final class FaultPlan {

    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final Deque<Fault> queue = new ArrayDeque<>();
    private Random random;
    private double p429;
    private double p5xx;
    private double pLostReply;
    private String randomRetryAfter = "1";
    private long injected;

    synchronized void enqueue(Fault fault) {
        queue.addLast(fault);
    }

    synchronized void setRandom(long seed, double p429, double p5xx, double pLostReply) {
        if (p429 < 0 || p5xx < 0 || pLostReply < 0 || p429 + p5xx + pLostReply > 1) {
            throw new IllegalArgumentException("probabilities must be >= 0 and add up to at most 1");
        }
        this.random = new Random(seed);
        this.p429 = p429;
        this.p5xx = p5xx;
        this.pLostReply = pLostReply;
    }

    /** The Retry-After value sent with random 429s; null sends none. */
    synchronized void setRandomRetryAfter(String value) {
        this.randomRetryAfter = value;
    }

    synchronized void clearRandom() {
        random = null;
    }

    synchronized void clear() {
        queue.clear();
        random = null;
        randomRetryAfter = "1";
        injected = 0;
    }

    synchronized int queued() {
        return queue.size();
    }

    synchronized long injected() {
        return injected;
    }

    /** Takes the fault for the next write request and counts it. */
    synchronized Optional<Fault> next() {
        Fault fault = queue.isEmpty() ? randomFault() : queue.pollFirst();
        if (fault != null) {
            injected++;
        }
        return Optional.ofNullable(fault);
    }

    private Fault randomFault() {
        if (random == null) {
            return null;
        }
        double draw = random.nextDouble();
        if (draw < p429) {
            return Fault.statusWithRetryAfter(429, randomRetryAfter);
        }
        if (draw < p429 + p5xx) {
            return Fault.status(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
        }
        if (draw < p429 + p5xx + pLostReply) {
            return Fault.LOST_REPLY;
        }
        return null;
    }
}
