package dev.difyweave.backfill.testsupport;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy (an S3 API implementation on Jetty) in this JVM, on a random loopback port, over jclouds'
 * in-memory blob store, with AWS Signature V4 checked against one access key: a request signed with
 * another key or secret is refused as S3 refuses it ({@code InvalidAccessKeyId},
 * {@code SignatureDoesNotMatch}). It does not check session tokens (see {@link FakeS3Server}).
 */
public final class S3ProxyServer implements AutoCloseable {

    private final String bucket;
    private final BlobStoreContext context;
    private final BlobStore blobs;
    private final S3Proxy proxy;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    public S3ProxyServer(String bucket, String accessKey, String secretKey) {
        this.bucket = bucket;
        this.context = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .build(BlobStoreContext.class);
        this.blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, bucket);
        this.proxy = S3Proxy.builder().blobStore(blobs)
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
    }

    public S3ProxyServer start() {
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy is " + proxy.getState() + " after start()");
        }
        return this;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String bucket() {
        return bucket;
    }

    public void put(String key, byte[] content) {
        blobs.putBlob(bucket, blobs.blobBuilder(key).payload(content.clone()).build());
        objects.put(key, content.clone());
    }

    public void delete(String key) {
        blobs.removeBlob(bucket, key);
        objects.remove(key);
    }

    /** What was put (and not deleted), by key. */
    public Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            context.close();
        }
    }
}
