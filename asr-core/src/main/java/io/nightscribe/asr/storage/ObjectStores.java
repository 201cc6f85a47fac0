package io.nightscribe.asr.storage;

import java.net.URI;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object store of each scheme: the one entry point to storage. {@code file://} is always there;
 * the {@code s3://} store and its client are built on first use, so runs on local folders need no
 * AWS configuration at all.
 *
 * <p>Thread-safe; share one per application and close it at the end, which closes the stores it
 * built. Stores handed out must not be closed by their users.
 */
public final class ObjectStores implements AutoCloseable {
  private final FileObjectStore fileStore = new FileObjectStore();
  private final Function<MetricPublisher, S3Client> s3ClientFactory;
  private final S3RetryCounter s3Retries = new S3RetryCounter();
  private S3ObjectStore s3Store;
  private boolean closed;

  private ObjectStores(Function<MetricPublisher, S3Client> s3ClientFactory) {
    this.s3ClientFactory = s3ClientFactory;
  }

  /**
   * file:// and s3:// configured the standard AWS way: {@code AWS_REGION} (us-east-1 when no region
   * is configured anywhere), the default credential chain ({@code AWS_ACCESS_KEY_ID}/{@code
   * AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, web identity on Kubernetes, instance roles),
   * {@code AWS_ENDPOINT_URL_S3} for another S3 API, path-style addressing when an endpoint is
   * overridden or {@code AWS_S3_FORCE_PATH_STYLE=true}; retries as {@link
   * S3ClientSettings#DEFAULTS} say.
   */
  public static ObjectStores standard() {
    return standard(S3ClientSettings.DEFAULTS);
  }

  /** As {@link #standard()}, retrying as {@code settings} say. */
  public static ObjectStores standard(S3ClientSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return new ObjectStores(retries -> S3Clients.standard(settings, retries));
  }

  /**
   * file:// and s3:// at an explicit endpoint (s3proxy, moto, MinIO) with static credentials,
   * path-style, region us-east-1, retrying as {@link S3ClientSettings#DEFAULTS} say.
   */
  public static ObjectStores withS3Endpoint(
      URI endpoint, String accessKeyId, String secretAccessKey) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    return new ObjectStores(
        retries ->
            S3Clients.forEndpoint(
                endpoint, accessKeyId, secretAccessKey, S3ClientSettings.DEFAULTS, retries));
  }

  /**
   * How many times the S3 client retried a call since these stores were made: each retry the SDK's
   * retry strategy made after a failed attempt (a reset connection, a timed-out attempt, a 5xx or
   * throttling answer). 0 while no s3:// URI has been used.
   */
  public long s3Retries() {
    return s3Retries.retries();
  }

  /**
   * The store for {@code uri}'s scheme, building the S3 store on the first s3:// URI. The store
   * belongs to this object: do not close it.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public ObjectStore forUri(StorageUri uri) {
    return switch (uri.scheme()) {
      case "file" -> fileStore;
      case "s3" -> s3Store();
      default -> throw new IllegalArgumentException("No object store for " + uri);
    };
  }

  private synchronized S3ObjectStore s3Store() {
    if (closed) {
      throw new IllegalStateException("Cannot use object stores: they are closed");
    }
    if (s3Store == null) {
      s3Store = new S3ObjectStore(s3ClientFactory.apply(s3Retries));
    }
    return s3Store;
  }

  /** Closes the S3 store if one was built. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (s3Store != null) {
      s3Store.close();
      s3Store = null;
    }
  }
}
