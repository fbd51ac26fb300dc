package dev.difyweave.backfill.call;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic call ids (correction C1): Dify ids where Dify has them, otherwise a UUIDv5 of a
 * name built from source keys, in one fixed namespace, so that re-running a window never creates a
 * second visible call.
 */
public final class CallIds {

    /** The project's fixed UUIDv5 namespace. Changing it would duplicate every backfilled call. */
    public static final UUID NAMESPACE = UUID.fromString("6f1c2d8e-5b7a-4c3e-9d21-0a4b8e6f3c15");

    private static final byte[] NAMESPACE_BYTES = toBytes(NAMESPACE);

    /**
     * One digest per thread: looking SHA-1 up among the security providers for every id was 0.3 % of a dry
     * run's CPU.
     */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(CallIds::sha1);

    private CallIds() {
    }

    /**
     * The id of a message's {@code message} call: the message id itself, for chat, completion and
     * agent-chat messages and for the chatflow message root (C2) alike. Feedback points at it.
     */
    public static String message(UUID messageId) {
        return dify(messageId);
    }

    public static String llm(String messageId) {
        return v5("llm:" + messageId);
    }

    public static String tool(String messageId, String thoughtId, String toolName, int n) {
        return v5("tool:" + messageId + ":" + thoughtId + ":" + toolName + ":" + n);
    }

    public static String moderation(String messageId) {
        return v5("moderation:" + messageId);
    }

    public static String datasetRetrieval(String messageId) {
        return v5("dataset_retrieval:" + messageId);
    }

    public static String generateConversationName(String conversationId) {
        return v5("generate_conversation_name:" + conversationId);
    }

    /** A Dify uuid column value as Weave wants it: lowercase canonical form. */
    public static String dify(UUID id) {
        return id.toString();
    }

    public static String v5(String name) {
        MessageDigest sha1 = SHA1.get(); // digest() leaves it reset for the next id
        sha1.update(NAMESPACE_BYTES);
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the JVM specification", e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
