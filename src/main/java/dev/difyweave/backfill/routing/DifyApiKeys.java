package dev.difyweave.backfill.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.storage.PayloadUnavailableException;

/**
 * Decrypts {@code trace_app_config.tracing_config.api_key} as Dify does ({@code api/libs/rsa.py},
 * docs/reference/dify-source.md §1.4): base64 of {@code "HYBRID:"} + RSA-OAEP(SHA-1, MGF1-SHA-1) of a 16-byte AES key
 * + 16-byte EAX nonce + 16-byte tag + AES-128-EAX ciphertext, or (legacy) plain RSA-OAEP, with the
 * tenant's private key from Dify's storage (the same as the offloaded payloads': a directory or an S3
 * bucket), key {@code privkeys/<tenant_id>/private.pem} (PKCS#1 as pycryptodome writes it, or PKCS#8).
 * Error messages never contain the ciphertext, the key or the plaintext.
 */
public final class DifyApiKeys {

    private static final byte[] HYBRID = "HYBRID:".getBytes(StandardCharsets.US_ASCII);

    private final PayloadStore storage;
    private final Map<UUID, PrivateKey> keys = new HashMap<>();

    public DifyApiKeys(PayloadStore storage) {
        this.storage = storage;
    }

    /** The storage key of a tenant's private key. */
    public static String keyPath(UUID tenantId) {
        return "privkeys/" + tenantId + "/private.pem";
    }

    /** The plaintext API key; {@link IllegalArgumentException} with a message safe to log when it cannot be had. */
    public String decrypt(UUID tenantId, String token) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(token.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("api_key is not base64");
        }
        PrivateKey key = privateKey(tenantId);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                    PSource.PSpecified.DEFAULT));
            byte[] plain;
            if (startsWith(data, HYBRID)) {
                int size = (((RSAPrivateCrtKey) key).getModulus().bitLength() + 7) / 8;
                int at = HYBRID.length;
                if (data.length < at + size + 32) {
                    throw new IllegalArgumentException("api_key is too short for a HYBRID value");
                }
                byte[] aesKey = rsa.doFinal(Arrays.copyOfRange(data, at, at + size));
                byte[] nonce = Arrays.copyOfRange(data, at + size, at + size + 16);
                byte[] tag = Arrays.copyOfRange(data, at + size + 16, at + size + 32);
                byte[] ciphertext = Arrays.copyOfRange(data, at + size + 32, data.length);
                plain = AesEax.decrypt(aesKey, nonce, new byte[0], ciphertext, tag);
            } else {
                plain = rsa.doFinal(data);
            }
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("api_key could not be decrypted with " + keyPath(tenantId)
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private synchronized PrivateKey privateKey(UUID tenantId) {
        PrivateKey cached = keys.get(tenantId);
        if (cached != null) {
            return cached;
        }
        String pem;
        try {
            pem = new String(storage.read(keyPath(tenantId)), StandardCharsets.US_ASCII);
        } catch (PayloadUnavailableException e) {
            throw new IllegalArgumentException(keyPath(tenantId) + " cannot be read from Dify's storage, "
                    + storage.describe() + ": " + e.getMessage());
        }
        PrivateKey key = parsePem(pem, tenantId);
        keys.put(tenantId, key);
        return key;
    }

    static PrivateKey parsePem(String pem, UUID tenantId) {
        boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
        if (!pkcs1 && !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(keyPath(tenantId) + " is not an unencrypted PEM RSA private key");
        }
        String body = pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(keyPath(tenantId) + " is not a valid RSA private key");
        }
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption with NULL parameters. */
    private static byte[] pkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(algorithm);
        inner.write(0x04);
        inner.writeBytes(length(pkcs1.length));
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(inner.size()));
        out.writeBytes(inner.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
