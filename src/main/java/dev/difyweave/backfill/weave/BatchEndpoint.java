package dev.difyweave.backfill.weave;

/**
 * A Weave write endpoint that takes batches all or nothing, as {@link DeliveryRound} drives it: calls
 * ({@code /call/upsert_batch}) or feedback ({@code /feedback/batch/create}).
 */
interface BatchEndpoint<B extends Halvable<B>> {

    /**
     * One request (with its retries): the reply, a success or a refusal of items in it. Throws
     * {@link WeaveUnavailableException} when it failed transiently through every retry and
     * {@link WeaveRejectedException} when the key, the project or the route is wrong.
     */
    WeaveResponse post(B batch, WeaveRetry retry);

    /** Weave took every item of this batch. */
    void accepted(B batch);

    /** Whether Weave still answers a harmless request for this project ({@code false} when it fails too). */
    boolean answersAgain(String projectId);
}
