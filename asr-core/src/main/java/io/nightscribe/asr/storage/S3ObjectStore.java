package io.nightscribe.asr.storage;

import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 (or any S3 API) as object storage, through one synchronous {@link S3Client}.
 *
 * <p>Listings page through ListObjectsV2 1,000 keys at a time, fetching a page only when the stream
 * reaches it; listed objects carry no versionId (open them to pin one). {@link #open(StorageUri)}
 * pins the object with a HEAD: later ranged reads ask for that versionId, or on an unversioned
 * bucket require that ETag, so a concurrent overwrite fails the read as BAD_INPUT instead of mixing
 * two objects. Writes are a single PUT up to {@value S3Upload#PART_BYTES} bytes, multipart beyond.
 *
 * <p>Thread-safe. This store owns its client: {@link #close()} closes it.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);
  private static final int PAGE_KEYS = 1000;

  private final S3Client client;
  private final Set<String> bucketsSeen = ConcurrentHashMap.newKeySet();

  /** A store over {@code client}, which it closes on {@link #close()}. */
  public S3ObjectStore(S3Client client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public Stream<ObjectInfo> list(StorageUri prefix) {
    requireS3(prefix);
    ListObjectsV2Request request =
        ListObjectsV2Request.builder()
            .bucket(prefix.bucket())
            .prefix(prefix.key())
            .maxKeys(PAGE_KEYS)
            .build();
    Iterator<S3Object> objects =
        translatingFailures(
            () -> client.listObjectsV2Paginator(request).contents().iterator(), prefix);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(objects, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .filter(object -> !object.key().endsWith("/"))
        .map(
            object ->
                new ObjectInfo(
                    new StorageUri("s3", prefix.bucket(), object.key()),
                    object.size(),
                    unquote(object.eTag()),
                    Optional.empty()));
  }

  @Override
  public Optional<ObjectInfo> stat(StorageUri uri) {
    requireObject(uri);
    try {
      return Optional.of(head(uri, null));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        requireBucket("stat", uri, e);
        return Optional.empty();
      }
      throw S3Errors.translate("stat", uri, e);
    } catch (SdkException e) {
      throw S3Errors.translate("stat", uri, e);
    }
  }

  @Override
  public SeekableObject open(StorageUri uri) {
    return openPinned(uri, null);
  }

  @Override
  public SeekableObject open(StorageUri uri, String versionId) {
    Objects.requireNonNull(versionId, "versionId");
    return openPinned(uri, versionId);
  }

  @Override
  public ObjectInfo write(StorageUri uri, InputStream content) {
    requireObject(uri);
    try {
      ObjectInfo written = new S3Upload(client, uri).write(content);
      log.debug("Wrote {} ({} bytes)", uri, written.sizeBytes());
      return written;
    } catch (SdkException e) {
      throw S3Errors.translate("write", uri, e);
    }
  }

  @Override
  public void delete(StorageUri uri) {
    requireObject(uri);
    try {
      client.deleteObject(
          DeleteObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).build());
    } catch (SdkException e) {
      throw S3Errors.translate("delete", uri, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  static String unquote(String etag) {
    if (etag == null) {
      return "";
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  private SeekableObject openPinned(StorageUri uri, String versionId) {
    requireObject(uri);
    try {
      ObjectInfo info = head(uri, versionId);
      log.debug("Opened {} ({} bytes, version {})", uri, info.sizeBytes(), info.versionId());
      return new S3SeekableObject(client, info);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        requireBucket("read", uri, e);
      }
      throw S3Errors.translate("read", uri, e);
    } catch (SdkException e) {
      throw S3Errors.translate("read", uri, e);
    }
  }

  private ObjectInfo head(StorageUri uri, String versionId) {
    HeadObjectResponse head =
        client.headObject(
            HeadObjectRequest.builder()
                .bucket(uri.bucket())
                .key(uri.key())
                .versionId(versionId)
                .build());
    Optional<String> version =
        Optional.ofNullable(head.versionId()).filter(v -> !v.isEmpty() && !v.equals("null"));
    return new ObjectInfo(uri, head.contentLength(), unquote(head.eTag()), version);
  }

  /**
   * A HEAD answers 404 with no body for a missing bucket and a missing key alike; one HeadBucket
   * per bucket tells them apart, so a wrong bucket is a configuration error, not a missing input.
   */
  private void requireBucket(String verb, StorageUri uri, S3Exception notFound) {
    if (bucketsSeen.contains(uri.bucket())) {
      return;
    }
    try {
      client.headBucket(HeadBucketRequest.builder().bucket(uri.bucket()).build());
      bucketsSeen.add(uri.bucket());
    } catch (NoSuchBucketException e) {
      throw S3Errors.noSuchBucket(verb, uri, notFound);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw S3Errors.noSuchBucket(verb, uri, notFound);
      }
      throw S3Errors.translate(verb, uri, e);
    } catch (SdkException e) {
      throw S3Errors.translate(verb, uri, e);
    }
  }

  /** Pages lazily: nothing is requested until the stream is consumed. */
  private static Iterator<S3Object> translatingFailures(
      Supplier<Iterator<S3Object>> pages, StorageUri prefix) {
    return new Iterator<>() {
      private Iterator<S3Object> objects;

      @Override
      public boolean hasNext() {
        try {
          if (objects == null) {
            objects = pages.get();
          }
          return objects.hasNext();
        } catch (SdkException e) {
          throw S3Errors.translate("list", prefix, e);
        }
      }

      @Override
      public S3Object next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return objects.next();
      }
    };
  }

  private static void requireS3(StorageUri uri) {
    if (!uri.scheme().equals("s3")) {
      throw new IllegalArgumentException("Not an s3:// URI: " + uri);
    }
  }

  private static void requireObject(StorageUri uri) {
    requireS3(uri);
    if (uri.isPrefix()) {
      throw new IllegalArgumentException("Not an object but a prefix: " + uri);
    }
  }
}
