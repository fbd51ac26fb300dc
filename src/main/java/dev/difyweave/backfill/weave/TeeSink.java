package dev.difyweave.backfill.weave;

import dev.difyweave.backfill.call.WeaveCall;
import java.util.List;

/** {@code --export-dir} with {@code --also-send}: the export file and Weave both receive every call. */
public final class TeeSink implements TraceSink {

    private final TraceSink export;
    private final TraceSink weave;

    public TeeSink(TraceSink export, TraceSink weave) {
        this.export = export;
        this.weave = weave;
    }

    @Override
    public List<DeadLetter> write(String projectId, List<WeaveCall> calls) {
        export.write(projectId, calls);
        return weave.write(projectId, calls);
    }

    @Override
    public List<DeadLetter> write(WeaveTarget target, List<WeaveCall> calls) {
        export.write(target, calls);
        return weave.write(target, calls);
    }

    @Override
    public void close() {
        export.close();
        weave.close();
    }
}
