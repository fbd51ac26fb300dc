package dev.difyweave.backfill.testsupport;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The fake's database, modelled on Weave's in-memory server and ClickHouse:
 * <ul>
 *   <li>v1 parts go to {@code calls_merged}, keyed by {@code (project_id, id)}: duplicates merge, an end before its
 *       start is kept but invisible until the start arrives, a start alone is visible with no end;</li>
 *   <li>v2 complete rows go to {@code calls_complete}, keyed by {@code (project_id, started_at, id)}: a re-send with
 *       the same id and started_at merges, a different started_at is a second (duplicate) row;</li>
 *   <li>project routing: a v1 write to a complete-mode project is refused; a v2 write to a project without v1 data
 *       locks it into complete mode, to one with v1 data it lands in calls_merged;</li>
 *   <li>soft delete by id, cascading to descendants; a deleted id stays hidden for good.</li>
 * </ul>
 * All methods are synchronized; snapshots are copies.
 */
final class CallStore {

    static final String CALLS_MERGED = "calls_merged";
    static final String CALLS_COMPLETE = "calls_complete";

    private static final Comparator<StoredCall> DEFAULT_ORDER =
            Comparator.comparing(StoredCall::startedAt).thenComparing(StoredCall::id);

    private static final class ProjectState {
        final Map<String, CallRecord> merged = new LinkedHashMap<>();
        final Map<String, CallRecord> complete = new LinkedHashMap<>();
        final Set<String> deletedIds = new HashSet<>();
        final Map<String, Integer> partsReceived = new HashMap<>();
        boolean completeOnly;

        Stream<CallRecord> records() {
            return Stream.concat(merged.values().stream(), complete.values().stream());
        }

        boolean isVisible(CallRecord record) {
            return record.hasStart() && !deletedIds.contains(record.id());
        }

        StoredCall snapshot(CallRecord record) {
            return record.snapshot(partsReceived.getOrDefault(record.id(), 0));
        }

        void countPart(String id) {
            partsReceived.merge(id, 1, Integer::sum);
        }
    }

    private final Map<String, ProjectState> projects = new HashMap<>();

    // ---- writes ---------------------------------------------------------------------------------------------

    /** Stores v1 parts, all or nothing: refused with CALLS_COMPLETE_MODE_REQUIRED if any project is complete-only. */
    synchronized void writeV1(List<CallPart> parts) {
        for (CallPart part : parts) {
            if (project(part.projectId()).completeOnly) {
                throw ApiError.completeModeRequired(part.projectId());
            }
        }
        parts.forEach(part -> mergeInto(project(part.projectId()).merged, part.id(), part, CALLS_MERGED));
    }

    /** Stores v2 completed calls for one project. */
    synchronized void writeComplete(String projectId, List<CallPart> parts) {
        ProjectState project = project(projectId);
        boolean toMerged = !project.completeOnly && !project.merged.isEmpty();
        if (!toMerged) {
            project.completeOnly = true;
        }
        for (CallPart part : parts) {
            if (toMerged) {
                mergeInto(project.merged, part.id(), part, CALLS_MERGED);
            } else {
                String rowKey = part.fields().get("started_at").stringValue() + ' ' + part.id();
                mergeInto(project.complete, rowKey, part, CALLS_COMPLETE);
            }
        }
    }

    private void mergeInto(Map<String, CallRecord> table, String key, CallPart part, String tableName) {
        table.computeIfAbsent(key, k -> new CallRecord(part.projectId(), part.id(), tableName)).merge(part);
        project(part.projectId()).countPart(part.id());
    }

    /**
     * Soft-deletes the ids and every visible descendant; the ids stay hidden even if re-sent later.
     *
     * @return the number of distinct ids requested (what the server reports as num_deleted)
     */
    synchronized int delete(String projectId, Collection<String> ids, Instant at) {
        ProjectState project = project(projectId);
        Set<String> doomed = new LinkedHashSet<>(ids);
        int requested = doomed.size();
        boolean grew = true;
        while (grew) {
            List<String> children = project.records()
                    .filter(project::isVisible)
                    .filter(record -> record.parentId() != null && doomed.contains(record.parentId()))
                    .map(CallRecord::id)
                    .toList();
            grew = doomed.addAll(children);
        }
        project.deletedIds.addAll(doomed);
        project.records().filter(record -> doomed.contains(record.id())).forEach(record -> record.markDeleted(at));
        return requested;
    }

    /** @return whether a visible call was updated */
    synchronized boolean updateDisplayName(String projectId, String id, String displayName) {
        ProjectState project = project(projectId);
        List<CallRecord> targets = project.records()
                .filter(record -> record.id().equals(id) && project.isVisible(record))
                .toList();
        targets.forEach(record -> record.updateDisplayName(displayName));
        return !targets.isEmpty();
    }

    synchronized void setCompleteOnly(String projectId) {
        project(projectId).completeOnly = true;
    }

    synchronized boolean isCompleteOnly(String projectId) {
        ProjectState project = projects.get(projectId);
        return project != null && project.completeOnly;
    }

    synchronized void clear() {
        projects.clear();
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    /** Calls a query can see (start present, not deleted), ordered by started_at then id. */
    synchronized List<StoredCall> visibleCalls(String projectId) {
        ProjectState project = projects.get(projectId);
        if (project == null) {
            return List.of();
        }
        return project.records().filter(project::isVisible).map(project::snapshot).sorted(DEFAULT_ORDER).toList();
    }

    synchronized Optional<StoredCall> visibleCall(String projectId, String id) {
        return visibleCalls(projectId).stream().filter(call -> call.id().equals(id)).findFirst();
    }

    /** Every stored row, visible or not (end-only, deleted), in no particular order. */
    synchronized List<StoredCall> allRows(String projectId) {
        ProjectState project = projects.get(projectId);
        return project == null ? List.of() : project.records().map(project::snapshot).toList();
    }

    synchronized Set<String> allCallIds(String projectId) {
        ProjectState project = projects.get(projectId);
        return project == null ? Set.of() : new TreeSet<>(project.partsReceived.keySet());
    }

    synchronized Set<String> endOnlyIds(String projectId) {
        ProjectState project = projects.get(projectId);
        if (project == null) {
            return Set.of();
        }
        Set<String> ids = new TreeSet<>();
        project.merged.values().stream()
                .filter(record -> record.hasEnd() && !record.hasStart())
                .forEach(record -> ids.add(record.id()));
        return ids;
    }

    synchronized Set<String> deletedIds(String projectId) {
        ProjectState project = projects.get(projectId);
        return project == null ? Set.of() : new TreeSet<>(project.deletedIds);
    }

    synchronized int partsReceived(String projectId, String id) {
        ProjectState project = projects.get(projectId);
        return project == null ? 0 : project.partsReceived.getOrDefault(id, 0);
    }

    synchronized Set<String> projectIds() {
        return new TreeSet<>(projects.keySet());
    }

    private ProjectState project(String projectId) {
        return projects.computeIfAbsent(projectId, id -> new ProjectState());
    }
}
