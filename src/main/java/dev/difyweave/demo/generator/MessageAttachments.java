package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;
import static dev.difyweave.demo.generator.Json.round;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.demo.generator.WorkflowPlan.Document;

/**
 * What hangs off an easy-UI message besides its thoughts: citations (in the message metadata or, as
 * Dify 1.2 and older kept them, in {@code dataset_retriever_resources}), files the user attached
 * ({@code upload_files}) and the picture an agent's image tool made ({@code tool_files}).
 */
final class MessageAttachments {

    /** The user files a message may carry, rotated over the whole data set so that each appears. */
    private enum UserFile { REMOTE_IMAGE, LOCAL_DOCUMENT, LOCAL_IMAGE }

    private final DifyRowWriter writer;
    private int userFiles;

    MessageAttachments(DifyRowWriter writer) {
        this.writer = writer;
    }

    /** One to three retrieved chunks, in the shape of {@code message_metadata.retriever_resources}. */
    static List<Map<String, Object>> citations(KnowledgeBase knowledge, Speaker speaker, SeededRandom random) {
        List<Map<String, Object>> citations = new ArrayList<>();
        int count = random.between(1, 3);
        for (int i = 0; i < count; i++) {
            Document document = random.pick(knowledge.documents());
            String content = TextFaker.text(random, random.between(120, 320));
            citations.add(obj(
                    "position", i + 1,
                    "dataset_id", knowledge.id().toString(),
                    "dataset_name", knowledge.name(),
                    "document_id", document.id().toString(),
                    "document_name", document.name(),
                    "data_source_type", "upload_file",
                    "segment_id", random.uuid().toString(),
                    "retriever_from", speaker.retrieverFrom(),
                    "score", round(random.between(0.45, 0.97), 6),
                    "hit_count", random.between(1, 80),
                    "word_count", content.split(" ").length,
                    "segment_position", random.between(1, 40),
                    "index_node_hash", random.hex(64),
                    "content", content,
                    "page", null,
                    "doc_metadata", null,
                    "title", document.name(),
                    "files", null,
                    "summary", null));
        }
        return citations;
    }

    /** Dify 1.2 and older wrote each hit to {@code dataset_retriever_resources} instead of the metadata. */
    void legacyCitations(List<Map<String, Object>> citations, UUID messageId, Speaker speaker, long start,
                         SeededRandom random) throws SQLException {
        long createdAt = start + random.between(200_000L, 1_500_000L);
        for (Map<String, Object> c : citations) {
            writer.insert(new DifyRows.DatasetRetrieverResource(random.uuid(), messageId, (Integer) c.get("position"),
                    UUID.fromString((String) c.get("dataset_id")), (String) c.get("dataset_name"),
                    UUID.fromString((String) c.get("document_id")), (String) c.get("document_name"),
                    UUID.fromString((String) c.get("segment_id")), (Double) c.get("score"), (String) c.get("content"),
                    (Integer) c.get("hit_count"), (Integer) c.get("word_count"), (Integer) c.get("segment_position"),
                    (String) c.get("index_node_hash"), speaker.retrieverFrom(), speaker.userId(),
                    UtcTime.utc(createdAt)));
        }
    }

    /** A file the user attached: a linked image, or an uploaded document or image ({@code upload_files}). */
    void userFile(ChatApp app, Speaker speaker, UUID messageId, long start, List<GeneratedMessageFile> files,
                  List<Object> promptFiles, SeededRandom random) throws SQLException {
        UserFile kind = UserFile.values()[userFiles++ % UserFile.values().length];
        UUID id = random.uuid();
        String url = null;
        UUID uploadId = null;
        String type = kind == UserFile.LOCAL_DOCUMENT ? "document" : "image";
        String method = kind == UserFile.REMOTE_IMAGE ? "remote_url" : "local_file";
        if (kind == UserFile.REMOTE_IMAGE) {
            url = "https://images.example.com/uploads/" + random.hex(12) + ".png";
            promptFiles.add(obj("type", "image", "data", url, "detail", "high"));
        } else {
            uploadId = random.uuid();
            boolean document = kind == UserFile.LOCAL_DOCUMENT;
            String name = document ? random.pick("invoice-2026-10.pdf", "contract.pdf", "error-log.pdf")
                    : random.pick("screenshot.png", "receipt.png");
            String extension = document ? "pdf" : "png";
            writer.insert(new DifyRows.UploadFile(uploadId, app.tenant().id(),
                    "upload_files/" + app.tenant().id() + "/" + uploadId + "." + extension, name,
                    random.between(20_000, 2_000_000), extension, document ? "application/pdf" : "image/png",
                    speaker.role(), speaker.userId(),
                    UtcTime.utcSeconds(start - random.between(5L, 120L) * UtcTime.MICROS_PER_SECOND), random.hex(64)));
            promptFiles.add(document
                    ? obj("type", "document", "data", "JVBERi0xLjcKJe...[TRUNCATED]...JUVPRgo=", "format", "pdf")
                    : obj("type", "image", "data", "data:image/png;base64,iVBORw0KGg...[TRUNCATED]...ErkJggg==",
                            "detail", "high"));
        }
        writer.insert(new DifyRows.MessageFile(id, messageId, type, method, url, uploadId, speaker.role(),
                speaker.userId(), UtcTime.utcSeconds(start), "user"));
        files.add(new GeneratedMessageFile(id, type, method, url, uploadId, "user"));
    }

    /** The picture an agent's image tool made: a {@code tool_files} row and an assistant message file. */
    GeneratedMessageFile toolImage(ChatApp app, Conversation conversation, UUID id, UUID messageId, long start,
                                   SeededRandom random) throws SQLException {
        UUID toolFileId = random.uuid();
        String url = "/files/tools/" + toolFileId + ".png";
        Speaker speaker = conversation.speaker;
        writer.insert(new DifyRows.ToolFile(toolFileId, speaker.userId(), app.tenant().id(), conversation.id,
                "tools/" + app.tenant().id() + "/" + random.hex(32) + ".png", "image/png", toolFileId + ".png",
                random.between(200_000, 1_500_000)));
        writer.insert(new DifyRows.MessageFile(id, messageId, "image", "tool_file", url, toolFileId, speaker.role(),
                speaker.userId(), UtcTime.utcSeconds(start + 5 * UtcTime.MICROS_PER_SECOND), "assistant"));
        return new GeneratedMessageFile(id, "image", "tool_file", url, toolFileId, "assistant");
    }
}
