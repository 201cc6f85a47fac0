package io.nightscribe.testsupport;

import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process s3proxy per JVM, in memory, on 127.0.0.1 at a free port: the S3 of integration
 * tests. Started on the first {@link #shared()} and stopped when the JVM exits, so a whole test
 * suite pays its start-up once. It has no bucket versioning: use {@link MotoS3Server} for that.
 *
 * <p>Thread-safe. Tests share it, so each should work in a bucket of its own ({@link
 * #createUniqueBucket}).
 */
public final class S3ProxyServer {
  private static final Logger log = LoggerFactory.getLogger(S3ProxyServer.class);

  private final BlobStore blobStore;
  private final S3Endpoint endpoint;
  private final S3Proxy proxy;

  private static final class Holder {
    static final S3ProxyServer INSTANCE = start();
  }

  private S3ProxyServer(BlobStore blobStore, S3Endpoint endpoint, S3Proxy proxy) {
    this.blobStore = blobStore;
    this.endpoint = endpoint;
    this.proxy = proxy;
  }

  /**
   * A server of the caller's own, started now, that the caller stops with {@link #stop}: for a test
   * that stops S3 under a running client.
   */
  public static S3ProxyServer startPrivate() {
    return start();
  }

  /** Stops the server: clients get connection refused from now on. */
  public void stop() {
    stop(proxy);
  }

  /** The server of this JVM, started on first use. */
  public static S3ProxyServer shared() {
    return Holder.INSTANCE;
  }

  /** Where it listens and the credentials it accepts. */
  public S3Endpoint endpoint() {
    return endpoint;
  }

  /** Creates {@code bucket} unless it exists. */
  public void createBucket(String bucket) {
    if (!blobStore.containerExists(bucket)) {
      blobStore.createContainer(bucket);
    }
  }

  /** Creates and returns a bucket named {@code prefix} plus a random suffix. */
  public String createUniqueBucket(String prefix) {
    String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    createBucket(bucket);
    return bucket;
  }

  private static S3ProxyServer start() {
    String accessKeyId = "nightscribe-test";
    String secretAccessKey = "nightscribe-test-secret";
    Properties properties = new Properties();
    properties.setProperty("jclouds.identity", accessKeyId);
    properties.setProperty("jclouds.credential", secretAccessKey);
    BlobStore blobStore = BlobStores.create("transient", properties);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
            .ignoreUnknownHeaders(true)
            .build();
    try {
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start s3proxy on 127.0.0.1: " + e.getMessage(), e);
    }
    URI uri = URI.create("http://127.0.0.1:" + proxy.getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(proxy), "s3proxy-stop"));
    log.info("s3proxy listens on {}", uri);
    return new S3ProxyServer(
        blobStore, new S3Endpoint(uri, accessKeyId, secretAccessKey, "us-east-1"), proxy);
  }

  private static void stop(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      log.warn("Stopping s3proxy failed", e);
    }
  }
}
