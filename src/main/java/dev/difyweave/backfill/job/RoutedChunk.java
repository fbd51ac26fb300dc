package dev.difyweave.backfill.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.backfill.state.AppCalls;
import dev.difyweave.backfill.state.DailyCalls;
import dev.difyweave.backfill.routing.ProjectRoutes;
import dev.difyweave.backfill.weave.DeadLetter;
import dev.difyweave.backfill.weave.TraceSink;
import dev.difyweave.backfill.call.WeaveCall;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * The calls of one chunk grouped by Weave target, each group sent on its own (a batch never mixes
 * projects), with what was delivered counted per kind and day and per app and project. The calls of a
 * refused target ({@link WeaveTarget#isRefused()}) never reach the sink: each becomes a dead letter with
 * status 0 and the refusal as its reason.
 */
final class RoutedChunk {

    private record Group(List<WeaveCall> calls, List<UUID> apps) {
    }

    /**
     * What sending the chunk gave: every dead letter, and the delivered calls counted.
     *
     * @param notSent the dead letters of refused targets (calls never sent)
     */
    record Sent(List<DeadLetter> deadLetters, int notSent, DailyCalls daily, AppCalls apps) {
    }

    /** Records one target's dead letters (with its project). */
    interface DeadLetterRecorder {
        void record(String projectId, List<DeadLetter> deadLetters);
    }

    private final ProjectRoutes routes;
    private final Map<WeaveTarget, Group> groups = new LinkedHashMap<>();
    private int size;

    RoutedChunk(ProjectRoutes routes) {
        this.routes = routes;
    }

    void add(WeaveTarget target, UUID appId, WeaveCall call) {
        Group group = groups.computeIfAbsent(target, t -> new Group(new ArrayList<>(), new ArrayList<>()));
        group.calls().add(call);
        group.apps().add(appId);
        size++;
    }

    int size() {
        return size;
    }

    Sent send(TraceSink sink, DeadLetterRecorder recorder) {
        List<DeadLetter> all = new ArrayList<>();
        DailyCalls daily = new DailyCalls();
        AppCalls apps = new AppCalls();
        int notSent = 0;
        for (Map.Entry<WeaveTarget, Group> entry : groups.entrySet()) {
            WeaveTarget target = entry.getKey();
            Group group = entry.getValue();
            List<DeadLetter> deadLetters = target.isRefused()
                    ? group.calls().stream().map(call -> new DeadLetter(call, 0, target.refusal())).toList()
                    : sink.write(target, group.calls());
            notSent += target.isRefused() ? deadLetters.size() : 0;
            recorder.record(target.projectId(), deadLetters);
            all.addAll(deadLetters);
            count(target, group, deadLetters, daily, apps);
        }
        return new Sent(all, notSent, daily, apps);
    }

    /** The calls the sink accepted: all of them but one per dead letter with the same call id. */
    private void count(WeaveTarget target, Group group, List<DeadLetter> deadLetters, DailyCalls daily, AppCalls apps) {
        Map<String, Integer> refused = new HashMap<>();
        for (DeadLetter d : deadLetters) {
            refused.merge(d.call().id(), 1, Integer::sum);
        }
        for (int i = 0; i < group.calls().size(); i++) {
            WeaveCall call = group.calls().get(i);
            Integer left = refused.get(call.id());
            if (left != null && left > 0) {
                refused.put(call.id(), left - 1);
                continue;
            }
            daily.add(call);
            UUID app = group.apps().get(i);
            apps.add(app, routes.appName(app), target.projectId(), 1);
        }
    }
}
