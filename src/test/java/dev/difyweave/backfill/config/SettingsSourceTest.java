package dev.difyweave.backfill.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every setting is one setting under all its names and sources: the environment variable, the Spring
 * property in a config file ({@code spring.config.location}), a config tree, the command line; in
 * Boot's order of precedence, a blank value being unset.
 */
class SettingsSourceTest {

    private static final List<Setting> PROPERTIES = Arrays.stream(Setting.values()).filter(s -> s.property() != null).toList();

    /** A value of its own for every setting: {@code v-dify.db.url}. */
    private static String valueOf(Setting setting) {
        return "v-" + (setting.property() != null ? setting.property() : setting.variable());
    }

    private static Map<String, String> values(Function<Setting, String> name) {
        return PROPERTIES.stream().collect(Collectors.toMap(name, SettingsSourceTest::valueOf, (a, b) -> a, LinkedHashMap::new));
    }

    private static void assertEverySetting(SettingsSource source) {
        for (Setting setting : PROPERTIES) {
            assertThat(source.get(setting.variable())).as(setting.variable()).isEqualTo(valueOf(setting));
        }
    }

    @Test
    void theVariablesAreTheRelaxedFormsOfTheirPropertiesButWeavesOwnName() {
        for (Setting setting : PROPERTIES) {
            if (setting != Setting.WF_TRACE_SERVER_URL) {
                assertThat(Setting.variableOf(setting.property())).as(setting.property()).isEqualTo(setting.variable());
            }
        }
        assertThat(Setting.variableOf(Setting.WF_TRACE_SERVER_URL.property())).isEqualTo("WEAVE_SERVER_URL");
    }

    @Test
    void everySettingByItsEnvironmentVariable() {
        assertEverySetting(SettingsSource.of(values(Setting::variable)));
    }

    @Test
    void everySettingByItsPropertyInAFileGivenBySpringConfigLocation(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("backfill.properties");
        Files.writeString(file, values(Setting::property).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));

        assertEverySetting(SettingsSource.of(Map.of(), Map.of("spring.config.location", file.toString())));
        assertEverySetting(SettingsSource.of(Map.of("SPRING_CONFIG_LOCATION", file.toString())));
    }

    @Test
    void everySettingByAConfigTreeFileNamedAfterItsPropertyOrNested(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("secrets"));
        for (Setting setting : PROPERTIES) {
            // dify.db.password as dify/db/password, the others as one file each
            Path file = setting.property().startsWith("dify.db.")
                    ? tree.resolve(setting.property().replace('.', '/')) : tree.resolve(setting.property());
            Files.createDirectories(file.getParent());
            Files.writeString(file, valueOf(setting) + "\n");
        }

        assertEverySetting(SettingsSource.of(Map.of(), Map.of("spring.config.import", "configtree:" + tree + "/")));
    }

    @Test
    void everySettingByItsPropertyOnTheCommandLine() {
        assertEverySetting(SettingsSource.of(Map.of(), values(Setting::property)));
    }

    @Test
    void propertiesBindRelaxedly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("application.yml");
        Files.writeString(file, """
                backfill:
                  chunkSize: 7
                  http:
                    connect_timeout: PT3S
                dify.storage.s3.accessKey: AKIA-camel
                """);

        SettingsSource source = SettingsSource.of(Map.of(), Map.of("spring.config.location", file.toString()));

        assertThat(source.get("BACKFILL_CHUNK_SIZE")).isEqualTo("7");
        assertThat(source.get("BACKFILL_HTTP_CONNECT_TIMEOUT")).isEqualTo("PT3S");
        assertThat(source.get("DIFY_STORAGE_S3_ACCESS_KEY")).isEqualTo("AKIA-camel");
    }

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsConfigFilesAndBlankIsUnset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("application.yml");
        Files.writeString(file, """
                weave.project: from/file
                weave.server-url: https://file.example
                dify.db.username: file-user
                backfill.chunk-size: 5
                DB_HOST: file-host
                """);
        Map<String, String> env = Map.of("WEAVE_PROJECT", "from/env", "WF_TRACE_SERVER_URL", "https://env.example",
                "DIFY_DB_USERNAME", "  ", "SPRING_CONFIG_LOCATION", file.toString());

        SettingsSource source = SettingsSource.of(env, Map.of("weave.project", "from/cli"));

        assertThat(source.get("WEAVE_PROJECT")).isEqualTo("from/cli");
        // Weave's own name in the environment beats the property in a file
        assertThat(source.get("WF_TRACE_SERVER_URL")).isEqualTo("https://env.example");
        // a blank variable is unset: the file's value stands
        assertThat(source.get("DIFY_DB_USERNAME")).isEqualTo("file-user");
        assertThat(source.get("BACKFILL_CHUNK_SIZE")).isEqualTo("5");
        // Dify's own names are read by their name from any source
        assertThat(source.get("DB_HOST")).isEqualTo("file-host");
        assertThat(source.get("DB_PORT")).isNull();
    }

    @Test
    void difysOwnEnvFileCanBeImportedForItsFallbacks(@TempDir Path dir) throws IOException {
        Path difyEnv = dir.resolve(".env");
        Files.writeString(difyEnv, """
                # docker/.env of a Dify deployment
                DB_USERNAME=postgres
                DB_PASSWORD=difyai123456
                DB_HOST=db
                DB_PORT=5432
                DB_DATABASE=dify
                FILES_URL=https://dify.example/files
                """);

        BackfillSettings settings = BackfillSettings.from(SettingsSource.of(Map.of(),
                Map.of("spring.config.import", "file:" + difyEnv + "[.properties]")));

        assertThat(settings.dify()).isEqualTo(new DatabaseSettings("jdbc:postgresql://db:5432/dify", "postgres", "difyai123456"));
        assertThat(settings.filesUrl()).isEqualTo("https://dify.example/files");
    }

    @Test
    void theSecretsOfEverySourceAreKnownToBeMasked(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("wandb.api-key"), "tree-key-0123");
        Path file = dir.resolve("application.yml");
        Files.writeString(file, "dify.db.password: file-password\nweave.project: not/secret\n");

        SettingsSource source = SettingsSource.of(Map.of("BACKFILL_DB_PASSWORD", "env-password"),
                Map.of("spring.config.location", file.toString(), "spring.config.import", "configtree:" + tree + "/"));

        assertThat(source.secrets()).contains("tree-key-0123", "file-password", "env-password").doesNotContain("not/secret");
        assertThat(source.toString()).doesNotContain("tree-key-0123", "file-password", "env-password");
    }

    @Test
    void aSettingThatIsNotDeclaredIsAProgrammingError() {
        assertThatThrownBy(() -> SettingsSource.of(Map.of()).get("DIFY_DB_URI"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIFY_DB_URI is not declared");
    }
}
