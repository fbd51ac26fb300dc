package dev.difyweave.backfill.routing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in EAX mode (Bellare, Rogaway, Wagner 2004) over the JDK's AES: {@code N' = OMAC0(nonce)},
 * {@code H' = OMAC1(header)}, {@code C = CTR(N', message)}, {@code tag = N' ^ OMAC2(C) ^ H'}, with
 * OMAC = CMAC (NIST SP 800-38B). Dify encrypts tracing API keys with pycryptodome's
 * {@code AES.MODE_EAX} (16-byte nonce and tag, no header); this decrypts and verifies them.
 */
public final class AesEax {

    private static final int BLOCK = 16;

    private AesEax() {
    }

    /** The plaintext of {@code ciphertext}; throws {@link GeneralSecurityException} when the tag does not match. */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] header, byte[] ciphertext, byte[] tag)
            throws GeneralSecurityException {
        byte[] expected = tag(key, nonce, header, ciphertext);
        if (tag.length != BLOCK || !MessageDigest.isEqual(expected, tag)) {
            throw new GeneralSecurityException("EAX tag mismatch");
        }
        return ctr(key, omac(key, 0, nonce), ciphertext);
    }

    /** Ciphertext followed by the 16-byte tag (used by the tests to check against published vectors). */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] header, byte[] message) throws GeneralSecurityException {
        byte[] c = ctr(key, omac(key, 0, nonce), message);
        byte[] t = tag(key, nonce, header, c);
        byte[] out = new byte[c.length + BLOCK];
        System.arraycopy(c, 0, out, 0, c.length);
        System.arraycopy(t, 0, out, c.length, BLOCK);
        return out;
    }

    private static byte[] tag(byte[] key, byte[] nonce, byte[] header, byte[] ciphertext) throws GeneralSecurityException {
        byte[] n = omac(key, 0, nonce);
        byte[] h = omac(key, 1, header);
        byte[] c = omac(key, 2, ciphertext);
        byte[] t = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            t[i] = (byte) (n[i] ^ h[i] ^ c[i]);
        }
        return t;
    }

    private static byte[] ctr(byte[] key, byte[] counter, byte[] data) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        return cipher.doFinal(data);
    }

    /** OMAC^t: CMAC of the block [t] followed by {@code data}. */
    static byte[] omac(byte[] key, int t, byte[] data) throws GeneralSecurityException {
        byte[] message = new byte[BLOCK + data.length];
        message[BLOCK - 1] = (byte) t;
        System.arraycopy(data, 0, message, BLOCK, data.length);
        return cmac(key, message);
    }

    static byte[] cmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] k1 = dbl(aes.doFinal(new byte[BLOCK]));
        byte[] k2 = dbl(k1);
        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean complete = message.length > 0 && message.length % BLOCK == 0;
        byte[] x = new byte[BLOCK];
        for (int b = 0; b < blocks; b++) {
            byte[] block = new byte[BLOCK];
            int from = b * BLOCK;
            int len = Math.min(BLOCK, message.length - from);
            System.arraycopy(message, from, block, 0, Math.max(0, len));
            if (b == blocks - 1) {
                byte[] sub = complete ? k1 : k2;
                if (!complete) {
                    block[Math.max(0, len)] = (byte) 0x80;
                }
                for (int i = 0; i < BLOCK; i++) {
                    block[i] ^= sub[i];
                }
            }
            for (int i = 0; i < BLOCK; i++) {
                x[i] ^= block[i];
            }
            x = aes.doFinal(x);
        }
        return x;
    }

    /** Doubling in GF(2^128). */
    private static byte[] dbl(byte[] in) {
        byte[] out = new byte[BLOCK];
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int v = in[i] & 0xff;
            out[i] = (byte) ((v << 1) | carry);
            carry = v >>> 7;
        }
        if ((in[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) 0x87;
        }
        return out;
    }
}
