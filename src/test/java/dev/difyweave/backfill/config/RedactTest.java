package dev.difyweave.backfill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Passwords and keys never survive into a message: URL credentials, password parameters, secret variables. */
class RedactTest {

    @Test
    void urlCredentialsAndPasswordParametersAreMasked() {
        assertThat(Redact.url("jdbc:postgresql://reader:s3cret-pw@db:5432/dify?sslmode=require&password=p2-secret&user=x"))
                .isEqualTo("jdbc:postgresql://***@db:5432/dify?sslmode=require&password=***&user=x");
        assertThat(Redact.url("jdbc:postgresql://db/dify")).isEqualTo("jdbc:postgresql://db/dify");
        assertThat(Redact.hasUserInfo("jdbc:postgresql://u:p@db/dify")).isTrue();
        assertThat(Redact.hasUserInfo("jdbc:postgresql://db/dify?user=u")).isFalse();
    }

    @Test
    void theSecretsOfTheEnvironmentAreMaskedWhereverAMessageRepeatsThem() {
        Map<String, String> env = Map.of("WANDB_API_KEY", "key-0123456789", "DIFY_DB_PASSWORD", "hunter22",
                "BACKFILL_DB_URL", "jdbc:postgresql://u:url-pass@h/db", "DIFY_DB_URL", "jdbc:postgresql://h/d?password=param-pass",
                "DIFY_STORAGE_S3_SECRET_KEY", "abc", "WEAVE_PROJECT", "team/project");

        Set<String> secrets = Redact.secretsOf(env);

        assertThat(secrets).containsExactlyInAnyOrder("key-0123456789", "hunter22", "url-pass", "param-pass");
        String message = "UnknownHostException: u:url-pass@h; auth key-0123456789 for team/project; hunter22; param-pass";
        assertThat(Redact.text(message, secrets))
                .isEqualTo("UnknownHostException: u:***@h; auth *** for team/project; ***; ***");
    }
}
