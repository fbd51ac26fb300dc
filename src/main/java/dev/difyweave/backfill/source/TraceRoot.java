package dev.difyweave.backfill.source;

import java.util.UUID;

import dev.difyweave.backfill.call.SourceKey;

/** A root row as a reader hands it out: which Dify row it is, and the app it belongs to. */
public interface TraceRoot {

    SourceKey sourceKey();

    /** The Dify app of the root: which Weave project its calls go to with per-app routing. */
    UUID appId();
}
