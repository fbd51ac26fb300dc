package dev.difyweave.backfill.routing;

import dev.difyweave.backfill.weave.WeaveHostPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.config.StorageSettings;
import dev.difyweave.backfill.storage.FileSystemPayloadStore;
import dev.difyweave.backfill.storage.S3PayloadStore;
import dev.difyweave.backfill.testsupport.FakeS3Server;
import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * AES-EAX against the EAX paper's vectors, and Dify's key encryption against ciphertexts made by an
 * independent Python implementation (src/test/resources/dify-keys/make-fixture.py).
 */
public class DifyApiKeysTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Key, nonce, header, message, ciphertext+tag: from Bellare, Rogaway, Wagner, "The EAX Mode of Operation", appendix. */
    private static final List<String[]> PAPER = List.of(
            new String[] {"233952DEE4D5ED5F9B9C6D6FF80FF478", "62EC67F9C3A4A407FCB2A8C49031A8B3", "6BFB914FD07EAE6B", "",
                    "E037830E8389F27B025A2D6527E79D01"},
            new String[] {"91945D3F4DCBEE0BF45EF52255F095A4", "BECAF043B0A23D843194BA972C66DEBD", "FA3BFD4806EB53FA", "F7FB",
                    "19DD5C4C9331049D0BDAB0277408F67967E5"},
            new String[] {"01F74AD64077F2E704C0F60ADA3DD523", "70C3DB4F0D26368400A10ED05D2BFF5E", "234A3463C1264AC6",
                    "1A47CB4933", "D851D5BAE03A59F238A23E39199DC9266626C40F80"});

    @Test
    void eaxMatchesThePapersVectorsBothWays() throws Exception {
        for (String[] v : PAPER) {
            byte[] key = HEX.parseHex(v[0]);
            byte[] nonce = HEX.parseHex(v[1]);
            byte[] header = HEX.parseHex(v[2]);
            byte[] message = HEX.parseHex(v[3]);
            byte[] expected = HEX.parseHex(v[4]);
            assertThat(AesEax.encrypt(key, nonce, header, message)).isEqualTo(expected);
            byte[] c = java.util.Arrays.copyOf(expected, message.length);
            byte[] tag = java.util.Arrays.copyOfRange(expected, message.length, expected.length);
            assertThat(AesEax.decrypt(key, nonce, header, c, tag)).isEqualTo(message);
            tag[3] ^= 1;
            assertThatThrownBy(() -> AesEax.decrypt(key, nonce, header, c, tag)).isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void cmacOfLongerMessagesMatchesRfc4493() throws Exception {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] m = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411");
        assertThat(HEX.formatHex(AesEax.cmac(key, new byte[0]))).isEqualTo("bb1d6929e95937287fa37d129b756746");
        assertThat(HEX.formatHex(AesEax.cmac(key, java.util.Arrays.copyOf(m, 16)))).isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
        assertThat(HEX.formatHex(AesEax.cmac(key, m))).isEqualTo("dfa66747de9ae63030ca32611497c827");
    }

    @Test
    void decryptsDifysHybridAndLegacyValues(@TempDir Path storage) throws Exception {
        Properties fixture = fixture();
        UUID tenant = UUID.randomUUID();
        install(storage, tenant);
        DifyApiKeys keys = new DifyApiKeys(new FileSystemPayloadStore(storage));

        assertThat(keys.decrypt(tenant, fixture.getProperty("hybrid.ciphertext")))
                .isEqualTo(fixture.getProperty("hybrid.plaintext"));
        assertThat(keys.decrypt(tenant, fixture.getProperty("legacy.ciphertext")))
                .isEqualTo(fixture.getProperty("legacy.plaintext"));
    }

    @Test
    void whatCannotBeDecryptedSaysWhyWithoutQuotingAnything(@TempDir Path storage) throws Exception {
        Properties fixture = fixture();
        String secret = fixture.getProperty("hybrid.plaintext");
        String token = fixture.getProperty("hybrid.ciphertext");
        UUID tenant = UUID.randomUUID();
        install(storage, tenant);
        DifyApiKeys keys = new DifyApiKeys(new FileSystemPayloadStore(storage));
        byte[] tampered = Base64.getDecoder().decode(token);
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> keys.decrypt(tenant, Base64.getEncoder().encodeToString(tampered)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not be decrypted")
                .hasMessageContaining("privkeys/" + tenant + "/private.pem")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(token.substring(0, 20)));
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> keys.decrypt(other, token)).hasMessageStartingWith("privkeys/" + other
                + "/private.pem cannot be read from Dify's storage, directory " + storage.toAbsolutePath().normalize() + ": no file");
        assertThatThrownBy(() -> keys.decrypt(tenant, "not base64 !")).hasMessage("api_key is not base64");
        Files.createDirectories(storage.resolve("privkeys").resolve(other.toString()));
        Files.writeString(storage.resolve("privkeys").resolve(other.toString()).resolve("private.pem"), "garbage");
        assertThatThrownBy(() -> keys.decrypt(other, token)).hasMessageContaining("is not an unencrypted PEM RSA private key");
    }

    @Test
    void theRoutingTableCarriesEachAppsKeyOrRecordsWhyNot(@TempDir Path storage) throws Exception {
        Properties fixture = fixture();
        UUID tenant = UUID.randomUUID();
        install(storage, tenant);
        String on = "{\"enabled\": true, \"tracing_provider\": \"weave\"}";
        AppTracingRow good = new AppTracingRow(UUID.randomUUID(), tenant, "good", on, UUID.randomUUID(),
                "{\"api_key\": \"" + fixture.getProperty("hybrid.ciphertext") + "\", \"entity\": \"t\", \"project\": \"p\"}");
        AppTracingRow noKey = new AppTracingRow(UUID.randomUUID(), tenant, "no key", on, UUID.randomUUID(),
                "{\"entity\": \"t\", \"project\": \"q\"}");
        AppTracingRow otherTenant = new AppTracingRow(UUID.randomUUID(), UUID.randomUUID(), "other tenant", on,
                UUID.randomUUID(), "{\"api_key\": \"" + fixture.getProperty("hybrid.ciphertext") + "\", \"project\": \"r\"}");
        WeaveTarget fallback = WeaveTarget.of("acme/dify-history");

        ProjectRoutes routes = DifyWeaveRoutes.parse(List.of(good, noKey, otherTenant), fallback, WeaveHostPolicy.defaults(),
                new DifyApiKeys(new FileSystemPayloadStore(storage))::decrypt);

        assertThat(routes.target(good.appId())).isEqualTo(new WeaveTarget("t/p", null,
                new WeaveTarget.ApiKey(fixture.getProperty("hybrid.plaintext"))));
        assertThat(routes.target(good.appId()).toString()).doesNotContain(fixture.getProperty("hybrid.plaintext"));
        assertThat(routes.target(noKey.appId())).isEqualTo(fallback);
        assertThat(routes.target(otherTenant.appId())).isEqualTo(fallback);
        assertThat(routes.problems()).extracting(TraceProblem::reason).satisfiesExactly(
                r -> assertThat(r).contains("api_key of app " + noKey.appId() + " is missing"),
                r -> assertThat(r).contains("privkeys/" + otherTenant.tenantId() + "/private.pem cannot be read"));
        assertThat(routes.problems()).extracting(TraceProblem::reason)
                .noneMatch(r -> r.contains(fixture.getProperty("hybrid.plaintext")));
    }

    @Test
    void withS3StorageTheKeyIsReadFromTheBucket() throws Exception {
        Properties fixture = fixture();
        UUID tenant = UUID.randomUUID();
        try (FakeS3Server s3 = new FakeS3Server("dify", null, "AKIDKEYS", "keys-secret-0000").start();
                S3PayloadStore storage = new S3PayloadStore(new StorageSettings.S3(URI.create(s3.endpoint()), "dify",
                        "us-east-1", "AKIDKEYS", "keys-secret-0000", null, true, "S3_ACCESS_KEY/S3_SECRET_KEY"),
                        Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            s3.put(DifyApiKeys.keyPath(tenant), privateKeyPem());
            DifyApiKeys keys = new DifyApiKeys(storage);

            assertThat(keys.decrypt(tenant, fixture.getProperty("hybrid.ciphertext")))
                    .isEqualTo(fixture.getProperty("hybrid.plaintext"));
            UUID other = UUID.randomUUID();
            assertThatThrownBy(() -> keys.decrypt(other, fixture.getProperty("hybrid.ciphertext")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("privkeys/" + other + "/private.pem cannot be read from Dify's storage, bucket dify at "
                            + s3.endpoint() + ": no object s3://dify/privkeys/" + other + "/private.pem (NoSuchKey)");
        }
    }

    public static Properties fixture() throws IOException {
        Properties p = new Properties();
        try (InputStream in = DifyApiKeysTest.class.getResourceAsStream("/dify-keys/ciphertexts.properties")) {
            p.load(in);
        }
        return p;
    }

    /** Puts the fixture's private key where Dify's local storage keeps the tenant's. */
    public static void install(Path storage, UUID tenant) throws IOException {
        Path dir = Files.createDirectories(storage.resolve("privkeys").resolve(tenant.toString()));
        Files.write(dir.resolve("private.pem"), privateKeyPem());
    }

    /** The fixture's private key (PEM), as Dify stores a tenant's. */
    public static byte[] privateKeyPem() throws IOException {
        try (InputStream in = DifyApiKeysTest.class.getResourceAsStream("/dify-keys/private.pem")) {
            return in.readAllBytes();
        }
    }
}
