package dev.difyweave.demo.generator;

import java.util.UUID;

import dev.difyweave.demo.generator.EndUsers.EndUser;

/** Who talks in a conversation and through what: an end user, or a console account. */
record Speaker(EndUser endUser, UUID accountId, String fromSource, String invokeFrom) {

    /** Four in five conversations come from end users (service API or web app), the rest from the console. */
    static Speaker draw(ChatApp app, SeededRandom random) {
        if (random.chance(0.2)) {
            UUID account = random.pick(app.tenant().accountIds());
            String invokeFrom = app.easyUi() ? random.pick("debugger", "explore") : "explore";
            return new Speaker(null, account, "console", invokeFrom);
        }
        EndUser user = random.pick(app.endUsers());
        return new Speaker(user, null, "api", user.invokeFrom());
    }

    UUID userId() {
        return endUser != null ? endUser.id() : accountId;
    }

    /** {@code from_end_user_id}: null for a console account. */
    UUID endUserId() {
        return endUser == null ? null : endUser.id();
    }

    String role() {
        return endUser != null ? "end_user" : "account";
    }

    /** {@code sys.user_id}: the end user's session id, or the account id. */
    String sysUserId() {
        return endUser != null ? endUser.sessionId() : accountId.toString();
    }

    /** {@code retriever_from} of citations, from the invoke source. */
    String retrieverFrom() {
        return switch (invokeFrom) {
            case "service-api" -> "api";
            case "web-app" -> "web_app";
            case "debugger" -> "dev";
            default -> "explore_app";
        };
    }
}
