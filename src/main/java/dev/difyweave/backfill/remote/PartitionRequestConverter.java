package dev.difyweave.backfill.remote;

import java.nio.charset.StandardCharsets;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Partition requests on the wire: {@code {"stepName": "...", "stepExecutionId": 42}} as JSON, nothing
 * else. No Java deserialization of broker content at all (Spring Batch's {@link StepExecutionRequest}
 * would otherwise travel Java-serialized); any other message is refused with a clear reason and not
 * requeued.
 */
public final class PartitionRequestConverter implements MessageConverter {

    static final String CONTENT_TYPE = "application/vnd.dify-weave-backfill.partition-request+json";

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (!(object instanceof StepExecutionRequest request)) {
            throw new MessageConversionException("only partition requests are sent, not " + object.getClass().getName());
        }
        ObjectNode body = json.createObjectNode();
        body.put("stepName", request.getStepName());
        body.put("stepExecutionId", request.getStepExecutionId());
        properties.setContentType(CONTENT_TYPE);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        return new Message(json.writeValueAsBytes(body), properties);
    }

    @Override
    public Object fromMessage(Message message) {
        String type = message.getMessageProperties().getContentType();
        if (!CONTENT_TYPE.equals(type)) {
            throw new MessageConversionException("not a partition request (content type " + type + ")");
        }
        JsonNode body;
        try {
            body = json.readTree(message.getBody());
        } catch (RuntimeException e) {
            throw new MessageConversionException("a partition request that is not JSON", e);
        }
        JsonNode step = body.get("stepName");
        JsonNode id = body.get("stepExecutionId");
        if (step == null || !step.isString() || id == null || !id.canConvertToLong()) {
            throw new MessageConversionException("a partition request needs stepName and stepExecutionId: " + body);
        }
        return new StepExecutionRequest(step.stringValue(), id.longValue());
    }
}
