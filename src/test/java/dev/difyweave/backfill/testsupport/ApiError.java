package dev.difyweave.backfill.testsupport;

import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** An error reply in the shape the Weave server uses: {@code {"reason": ...}} or FastAPI's {@code {"detail": ...}}. */
final class ApiError extends RuntimeException {

    static final String CALLS_COMPLETE_MODE_REQUIRED = "CALLS_COMPLETE_MODE_REQUIRED";

    private final int status;
    private final ObjectNode body;
    private final Map<String, String> headers;

    private ApiError(int status, ObjectNode body, Map<String, String> headers) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiError withReason(int status, String reason) {
        return new ApiError(status, JsonNodeFactory.instance.objectNode().put("reason", reason), Map.of());
    }

    static ApiError badRequest(String reason) {
        return withReason(400, reason);
    }

    static ApiError unauthorized(String reason) {
        return new ApiError(401, JsonNodeFactory.instance.objectNode().put("reason", reason),
                Map.of("WWW-Authenticate", "Basic realm=\"W&B Weave\""));
    }

    static ApiError requestTooLarge(String reason) {
        return withReason(413, reason);
    }

    static ApiError completeModeRequired(String projectId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("reason", "Project " + projectId + " stores calls in calls_complete: use the v2 calls/complete "
                        + "endpoint (minimum SDK version 0.52.26)")
                .put("error_code", CALLS_COMPLETE_MODE_REQUIRED);
        return new ApiError(400, body, Map.of());
    }

    /** FastAPI/pydantic request validation failure. */
    static ApiError unprocessable(ArrayNode detail) {
        return new ApiError(422, JsonNodeFactory.instance.objectNode().set("detail", detail), Map.of());
    }

    static ApiError notFound() {
        return new ApiError(404, JsonNodeFactory.instance.objectNode().put("detail", "Not Found"), Map.of());
    }

    static ApiError methodNotAllowed() {
        return new ApiError(405, JsonNodeFactory.instance.objectNode().put("detail", "Method Not Allowed"), Map.of());
    }
}
