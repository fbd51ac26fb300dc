package dev.difyweave.demo.generator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code end_users} of one app, as Dify creates them: service-API callers keyed by the
 * {@code user} string the caller passes (one is Dify's {@code DEFAULT-USER}), web-app visitors by a
 * random session id. Three in five are API callers.
 */
final class EndUsers {

    /** One end user; {@code sessionId} is what traces show as the user. */
    record EndUser(UUID id, String type, String sessionId) {

        boolean serviceApi() {
            return type.equals("service-api");
        }

        /** The {@code invoke_from} of this user's requests. */
        String invokeFrom() {
            return serviceApi() ? "service-api" : "web-app";
        }
    }

    private EndUsers() {
    }

    static List<EndUser> create(DifyRowWriter writer, SeededRandom random, int count, UUID tenantId, UUID appId,
                                long appCreatedMicros) throws SQLException {
        List<EndUser> users = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            UUID id = random.uuid();
            boolean api = e % 5 != 1 && e % 5 != 3;
            String sessionId;
            if (!api) {
                sessionId = random.uuid().toString();
            } else if (e == 0) {
                sessionId = "DEFAULT-USER";
            } else {
                sessionId = random.pick("user-", "crm-", "cust_", "") + random.between(1_000, 99_999)
                        + (random.chance(0.3) ? "@example.org" : "");
            }
            long created = appCreatedMicros + random.between(1L, 9L * 24 * 3_600) * UtcTime.MICROS_PER_SECOND;
            String type = api ? "service-api" : "browser";
            writer.insert(new DifyRows.EndUser(id, tenantId, appId, type, api ? sessionId : null,
                    !api || sessionId.equals("DEFAULT-USER"), sessionId, UtcTime.utcSeconds(created)));
            users.add(new EndUser(id, type, sessionId));
        }
        return users;
    }
}
