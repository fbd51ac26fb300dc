package dev.difyweave.backfill.testsupport;

import dev.difyweave.backfill.testsupport.RequestReader.Loc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code CallsQueryReq} ({@code /calls/stream_query}) or {@code CallsQueryStatsReq}
 * ({@code /calls/query_stats}) and its evaluation over the visible calls of a project.
 *
 * <p>As on the server: every filter list is capped at 1000 entries (400); an empty list does not filter (the
 * server tests lists for truthiness); the default order is {@code started_at} asc then {@code id} asc.
 * Mongo-style {@code query} expressions are not implemented (501).
 */
final class CallsQuery {

    static final int MAX_FILTER_LENGTH = 1000;

    private static final Set<String> STREAM_QUERY_KEYS = Set.of("project_id", "filter", "limit", "offset",
            "sort_by", "query", "include_costs", "include_feedback", "include_storage_size",
            "include_total_storage_size", "columns", "expand_columns", "return_expanded_column_values");
    private static final Set<String> STATS_KEYS = Set.of("project_id", "filter", "query", "limit",
            "include_total_storage_size", "expand_columns");
    /** CallsFilter list fields and the CallSchema field each one matches. */
    private static final Map<String, String> LIST_FILTERS = Map.of(
            "call_ids", "id", "trace_ids", "trace_id", "parent_ids", "parent_id", "op_names", "op_name",
            "thread_ids", "thread_id", "turn_ids", "turn_id", "wb_user_ids", "wb_user_id", "wb_run_ids", "wb_run_id",
            "input_refs", "inputs", "output_refs", "output");
    private static final Set<String> FILTER_KEYS;

    static {
        Set<String> keys = new HashSet<>(LIST_FILTERS.keySet());
        keys.add("trace_roots_only");
        FILTER_KEYS = Set.copyOf(keys);
    }

    record SortKey(String field, boolean descending) {
    }

    private final String projectId;
    private final Map<String, Set<String>> listFilters;
    private final boolean traceRootsOnly;
    private final Long limit;
    private final long offset;
    private final List<SortKey> sortBy;
    private final List<String> columns;

    private CallsQuery(String projectId, Map<String, Set<String>> listFilters, boolean traceRootsOnly, Long limit,
            long offset, List<SortKey> sortBy, List<String> columns) {
        this.projectId = projectId;
        this.listFilters = listFilters;
        this.traceRootsOnly = traceRootsOnly;
        this.limit = limit;
        this.offset = offset;
        this.sortBy = sortBy;
        this.columns = columns;
    }

    static CallsQuery forStreamQuery(JsonNode body) {
        return parse(body, STREAM_QUERY_KEYS);
    }

    static CallsQuery forStats(JsonNode body) {
        return parse(body, STATS_KEYS);
    }

    String projectId() {
        return projectId;
    }

    /** Filter, sort, page and project the calls into CallSchema rows. */
    List<ObjectNode> select(List<StoredCall> visible, CallSchemaRenderer renderer) {
        List<ObjectNode> rows = new ArrayList<>();
        for (StoredCall call : byIds(visible)) {
            ObjectNode row = renderer.render(call);
            if (matches(row)) {
                rows.add(row);
            }
        }
        rows.sort(ordering());
        List<ObjectNode> page = rows.stream()
                .skip(offset)
                .limit(limit == null ? Long.MAX_VALUE : limit)
                .toList();
        return columns == null ? page : page.stream().map(row -> renderer.restrict(row, columns)).toList();
    }

    long count(List<StoredCall> visible, CallSchemaRenderer renderer) {
        long matching = byIds(visible).stream().map(renderer::render).filter(this::matches).count();
        return limit == null ? matching : Math.min(matching, limit);
    }

    /**
     * With a {@code call_ids} filter, only those calls (the rest cannot match): rendering every call of a
     * large project for each id look-up would make the fake, not the client, the slow part.
     */
    private List<StoredCall> byIds(List<StoredCall> visible) {
        Set<String> ids = listFilters.get("call_ids");
        return ids == null ? visible : visible.stream().filter(call -> ids.contains(call.id())).toList();
    }

    // ---- evaluation -----------------------------------------------------------------------------------------

    private boolean matches(ObjectNode row) {
        if (traceRootsOnly && !row.path("parent_id").isNull()) {
            return false;
        }
        for (Map.Entry<String, Set<String>> filter : listFilters.entrySet()) {
            String field = LIST_FILTERS.get(filter.getKey());
            boolean match = switch (filter.getKey()) {
                case "op_names" -> filter.getValue().stream().anyMatch(name -> opNameMatches(name, row));
                case "input_refs", "output_refs" -> containsAnyString(row.path(field), filter.getValue());
                default -> row.path(field).isString() && filter.getValue().contains(row.path(field).stringValue());
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    /** Exact match, or a {@code weave:///.../op/name:*} pattern matching every version of the op. */
    private static boolean opNameMatches(String wanted, ObjectNode row) {
        String opName = row.path("op_name").stringValue("");
        if (wanted.endsWith(":*")) {
            return opName.startsWith(wanted.substring(0, wanted.length() - 1));
        }
        return opName.equals(wanted);
    }

    private static boolean containsAnyString(JsonNode node, Set<String> wanted) {
        boolean[] found = {false};
        WeaveRequestValidator.forEachString(node, value -> found[0] |= wanted.contains(value));
        return found[0];
    }

    private Comparator<ObjectNode> ordering() {
        Comparator<ObjectNode> order = null;
        for (SortKey key : sortBy) {
            Comparator<ObjectNode> byKey = (a, b) -> compareValues(valueAt(a, key.field()), valueAt(b, key.field()));
            byKey = key.descending() ? byKey.reversed() : byKey;
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        Comparator<ObjectNode> byId = Comparator.comparing(row -> row.path("id").stringValue(""));
        return order == null ? byId : order.thenComparing(byId);
    }

    /** A dotted path into the row: {@code summary.weave.latency_ms}. */
    private static JsonNode valueAt(ObjectNode row, String dottedPath) {
        JsonNode node = row;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** Nulls last; numbers numerically; everything else by its text (UTC timestamps sort correctly as text). */
    private static int compareValues(JsonNode a, JsonNode b) {
        boolean aNull = a.isNull() || a.isMissingNode();
        boolean bNull = b.isNull() || b.isMissingNode();
        if (aNull || bNull) {
            return Boolean.compare(aNull, bNull);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        String aText = a.isString() ? a.stringValue() : a.toString();
        String bText = b.isString() ? b.stringValue() : b.toString();
        return aText.compareTo(bText);
    }

    // ---- parsing --------------------------------------------------------------------------------------------

    private static CallsQuery parse(JsonNode body, Set<String> allowedKeys) {
        RequestReader reader = new RequestReader();
        Loc loc = Loc.body();
        ObjectNode request = reader.strictObject(body, loc, allowedKeys);
        if (request == null) {
            reader.throwIfInvalid();
        }
        String projectId = reader.string(request, "project_id", loc, true);
        Map<String, List<String>> filterLists = new LinkedHashMap<>();
        boolean traceRootsOnly = readFilter(request.get("filter"), loc.at("filter"), reader, filterLists);
        Long limit = reader.integer(request, "limit", loc);
        Long offset = allowedKeys.contains("offset") ? reader.integer(request, "offset", loc) : null;
        List<SortKey> sortBy = readSortBy(request.get("sort_by"), loc.at("sort_by"), reader);
        List<String> columns = allowedKeys.contains("columns") ? reader.stringList(request, "columns", loc, false)
                : null;
        for (String flag : List.of("include_costs", "include_feedback", "include_storage_size",
                "include_total_storage_size", "return_expanded_column_values")) {
            reader.bool(request, flag, loc);
        }
        reader.stringList(request, "expand_columns", loc, false);
        reader.throwIfInvalid();

        WeaveRequestValidator.requireProjectId(projectId);
        Map<String, Set<String>> listFilters = new LinkedHashMap<>();
        filterLists.forEach((name, values) -> {
            if (values.size() > MAX_FILTER_LENGTH) {
                throw ApiError.badRequest("Filter " + name + " has " + values.size() + " entries; at most "
                        + MAX_FILTER_LENGTH + " are allowed");
            }
            if (!values.isEmpty()) {
                listFilters.put(name, Set.copyOf(values));
            }
        });
        if ((limit != null && limit < 0) || (offset != null && offset < 0)) {
            throw ApiError.badRequest("limit and offset must not be negative");
        }
        JsonNode query = request.get("query");
        if (query != null && !query.isNull()) {
            throw ApiError.withReason(501, "FakeWeaveServer does not implement query expressions; use filter");
        }
        return new CallsQuery(projectId, listFilters, traceRootsOnly, limit, offset == null ? 0 : offset,
                sortBy == null ? List.of(new SortKey("started_at", false)) : sortBy, columns);
    }

    /** Fills {@code lists} from a strict CallsFilter; returns trace_roots_only. */
    private static boolean readFilter(JsonNode node, Loc loc, RequestReader reader, Map<String, List<String>> lists) {
        if (node == null || node.isNull()) {
            return false;
        }
        ObjectNode filter = reader.strictObject(node, loc, FILTER_KEYS);
        if (filter == null) {
            return false;
        }
        for (String name : LIST_FILTERS.keySet()) {
            List<String> values = reader.stringList(filter, name, loc, false);
            if (values != null) {
                lists.put(name, values);
            }
        }
        return Boolean.TRUE.equals(reader.bool(filter, "trace_roots_only", loc));
    }

    /** A {@code sort_by} list of {@code {"field", "direction": "asc"|"desc"}}; null when absent. */
    static List<SortKey> readSortBy(JsonNode node, Loc loc, RequestReader reader) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            reader.error("list_type", loc, "Input should be a valid list");
            return null;
        }
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            ObjectNode sort = reader.strictObject(node.get(i), loc.at(i), Set.of("field", "direction"));
            if (sort == null) {
                continue;
            }
            String field = reader.string(sort, "field", loc.at(i), true);
            String direction = reader.string(sort, "direction", loc.at(i), true);
            if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
                reader.error("literal_error", loc.at(i).at("direction"), "Input should be 'asc' or 'desc'");
            } else if (field != null && direction != null) {
                keys.add(new SortKey(field, direction.equals("desc")));
            }
        }
        return keys;
    }
}
