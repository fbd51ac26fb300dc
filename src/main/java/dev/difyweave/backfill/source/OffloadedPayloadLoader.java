package dev.difyweave.backfill.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.call.JsonText;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.storage.PayloadUnavailableException;

/**
 * Puts the full offloaded payloads (Dify >= 1.9) into a page's node rows, as Dify's repository does
 * before tracing: one query for the page's offload rows (joined to {@code upload_files}), then one
 * storage read per offload. An object that cannot be read leaves Dify's truncated database value, and
 * the row's {@link OffloadedPayload} says why. A database without the offload table (Dify before 1.9)
 * costs one check per loader and nothing per page.
 */
public final class OffloadedPayloadLoader {

    private static final DifySql TABLE_EXISTS = DifySql.load("offload-table-exists");
    private static final DifySql OFFLOADS = DifySql.load("workflow-node-execution-offloads");

    private final JdbcTemplate dify;
    private final PayloadStore store;
    private Boolean tablePresent;

    public OffloadedPayloadLoader(JdbcTemplate dify, PayloadStore store) {
        this.dify = dify;
        this.store = store;
    }

    private record OffloadRow(UUID nodeId, String type, UUID fileId, String key) {
    }

    /** {@code nodes} with their offloaded columns replaced by the stored full JSON where it can be read. */
    public List<NodeExecutionRow> load(List<NodeExecutionRow> nodes) {
        if (nodes.isEmpty() || !tablePresent()) {
            return nodes;
        }
        Map<UUID, List<OffloadRow>> byNode = new HashMap<>();
        OFFLOADS.query(dify, Map.of("ids", nodes.stream().map(NodeExecutionRow::id).toList()),
                (rs, n) -> new OffloadRow(rs.getObject("node_execution_id", UUID.class), rs.getString("type"),
                        rs.getObject("file_id", UUID.class), rs.getString("key")))
                .forEach(row -> byNode.computeIfAbsent(row.nodeId(), k -> new ArrayList<>()).add(row));
        if (byNode.isEmpty()) {
            return nodes;
        }
        List<NodeExecutionRow> loaded = new ArrayList<>(nodes.size());
        for (NodeExecutionRow node : nodes) {
            List<OffloadRow> offloads = byNode.get(node.id());
            loaded.add(offloads == null ? node : withFullPayloads(node, offloads));
        }
        return loaded;
    }

    private NodeExecutionRow withFullPayloads(NodeExecutionRow node, List<OffloadRow> offloads) {
        JsonText inputs = node.inputs();
        JsonText processData = node.processData();
        JsonText outputs = node.outputs();
        List<OffloadedPayload> outcomes = new ArrayList<>();
        for (OffloadRow offload : offloads) {
            String type = offload.type();
            if (!OffloadedPayload.INPUTS.equals(type) && !OffloadedPayload.PROCESS_DATA.equals(type)
                    && !OffloadedPayload.OUTPUTS.equals(type)) {
                outcomes.add(new OffloadedPayload(type, offload.key(), "unknown offload type '" + type + "'"));
                continue;
            }
            JsonText full;
            try {
                full = JsonText.of(read(offload));
            } catch (PayloadUnavailableException e) {
                outcomes.add(new OffloadedPayload(type, offload.key(), e.getMessage()));
                continue;
            }
            outcomes.add(new OffloadedPayload(type, offload.key(), null));
            switch (type) {
                case OffloadedPayload.INPUTS -> inputs = full;
                case OffloadedPayload.PROCESS_DATA -> processData = full;
                default -> outputs = full;
            }
        }
        return node.withPayloads(inputs, processData, outputs, outcomes);
    }

    private String read(OffloadRow offload) throws PayloadUnavailableException {
        if (offload.key() == null) {
            throw new PayloadUnavailableException("upload_files row " + offload.fileId() + " not found");
        }
        byte[] bytes = store.read(offload.key());
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PayloadUnavailableException("object " + offload.key() + " in " + store.describe()
                    + " is not UTF-8 text");
        }
    }

    private boolean tablePresent() {
        if (tablePresent == null) {
            tablePresent = Boolean.TRUE.equals(TABLE_EXISTS.query(dify, Map.of(), (rs, n) -> rs.getBoolean("present"))
                    .get(0));
        }
        return tablePresent;
    }
}
