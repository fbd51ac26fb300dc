package dev.difyweave.backfill.call;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a call is, as {@code --kinds} selects and the run report counts it. The mapper that makes a
 * call sets its kind; nothing reads it back from the call's tags. Declaration order is report order.
 * A chatflow's workflow call and its node calls are {@link #WORKFLOW} though they hang off a message.
 * {@link #FEEDBACK} is the one kind that is not a call: Dify's ratings and annotations, sent as Weave
 * feedback on message calls by the job's own feedback step; no root step serves it.
 */
public enum TraceKind {

    WORKFLOW("workflow", EnumSet.of(RootKind.WORKFLOW_RUNS, RootKind.MESSAGES)),
    MESSAGE("message", EnumSet.of(RootKind.MESSAGES)),
    TOOL("tool", EnumSet.of(RootKind.MESSAGES)),
    DATASET_RETRIEVAL("dataset_retrieval", EnumSet.of(RootKind.MESSAGES)),
    MODERATION("moderation", EnumSet.of(RootKind.MESSAGES)),
    GENERATE_NAME("generate_name", EnumSet.of(RootKind.CONVERSATIONS)),
    FEEDBACK("feedback", EnumSet.noneOf(RootKind.class));

    private final String cliName;
    private final Set<RootKind> roots;

    TraceKind(String cliName, Set<RootKind> roots) {
        this.cliName = cliName;
        this.roots = roots;
    }

    /** The name {@code --kinds} takes, the run report and {@code backfill_daily_calls} show. */
    public String cliName() {
        return cliName;
    }

    /** The roots whose steps make calls of this kind. */
    public Set<RootKind> roots() {
        return roots.isEmpty() ? EnumSet.noneOf(RootKind.class) : EnumSet.copyOf(roots);
    }

    /** Every {@code --kinds} name, in report order. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(TraceKind::cliName).toList();
    }

    /** The kind named {@code name} on a command line or in a job parameter. */
    public static TraceKind ofCliName(String name) {
        return byCliName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown kind '" + name + "'; known: " + String.join(",", cliNames())));
    }

    /** The kinds named in {@code names}; an unknown name is an error. */
    public static Set<TraceKind> ofCliNames(Collection<String> names) {
        Set<TraceKind> kinds = EnumSet.noneOf(TraceKind.class);
        names.forEach(name -> kinds.add(ofCliName(name)));
        return kinds;
    }

    /**
     * Where a stored kind name sorts in report order; a name no kind has any more (rows written by an
     * older version) sorts last.
     */
    public static int reportOrder(String cliName) {
        return byCliName(cliName).map(Enum::ordinal).orElse(values().length);
    }

    private static Optional<TraceKind> byCliName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.cliName.equals(name)).findFirst();
    }
}
