package dev.difyweave.backfill.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SigV4Test {

    /** AWS's published example "GET Object" (Signature V4, header-based authentication, us-east-1). */
    @Test
    void signsAwsDocumentedGetObjectExample() {
        SigV4 signer = new SigV4("us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");

        String authorization = signer.authorization("GET", "/test.txt", "", headers, SigV4.EMPTY_SHA256);

        assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void encodesKeysAsS3CanonicalUris() {
        assertThat(SigV4.encodePath("/bucket/upload_files/t-1/a b+c~d_e.json"))
                .isEqualTo("/bucket/upload_files/t-1/a%20b%2Bc~d_e.json");
        assertThat(SigV4.encodePath("/b/é")).isEqualTo("/b/%C3%A9");
    }

    @Test
    void sha256OfNothingIsTheEmptyPayloadHash() {
        assertThat(SigV4.sha256Hex("")).isEqualTo(SigV4.EMPTY_SHA256);
    }
}
