package io.nightscribe.asr.storage;

import io.nightscribe.asr.NightscribeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Writes one stream of unknown length to S3 holding at most one part in memory: a single PUT when
 * the stream fits in one part, otherwise a multipart upload that is aborted on any failure (so no
 * orphaned parts are billed).
 */
final class S3Upload {
  static final int PART_BYTES = 8 * 1024 * 1024;

  private final S3Client client;
  private final StorageUri uri;
  private final byte[] part = new byte[PART_BYTES];

  S3Upload(S3Client client, StorageUri uri) {
    this.client = client;
    this.uri = uri;
  }

  ObjectInfo write(InputStream content) {
    int first = fill(content);
    if (first < PART_BYTES) {
      return putSingle(first);
    }
    String uploadId =
        client
            .createMultipartUpload(
                CreateMultipartUploadRequest.builder().bucket(uri.bucket()).key(uri.key()).build())
            .uploadId();
    try {
      return uploadParts(uploadId, first, content);
    } catch (RuntimeException e) {
      abort(uploadId, e);
      throw e;
    }
  }

  private ObjectInfo putSingle(int length) {
    PutObjectResponse response =
        client.putObject(
            PutObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).build(), body(length));
    return new ObjectInfo(
        uri, length, S3ObjectStore.unquote(response.eTag()), version(response.versionId()));
  }

  private ObjectInfo uploadParts(String uploadId, int firstLength, InputStream content) {
    List<CompletedPart> parts = new ArrayList<>();
    long sizeBytes = 0;
    for (int length = firstLength; length > 0; length = fill(content)) {
      int number = parts.size() + 1;
      String etag =
          client
              .uploadPart(
                  UploadPartRequest.builder()
                      .bucket(uri.bucket())
                      .key(uri.key())
                      .uploadId(uploadId)
                      .partNumber(number)
                      .contentLength((long) length)
                      .build(),
                  body(length))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      sizeBytes += length;
    }
    CompleteMultipartUploadResponse done =
        client.completeMultipartUpload(
            CompleteMultipartUploadRequest.builder()
                .bucket(uri.bucket())
                .key(uri.key())
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                .build());
    return new ObjectInfo(
        uri, sizeBytes, S3ObjectStore.unquote(done.eTag()), version(done.versionId()));
  }

  /** Reads until the part is full or the stream ends; returns how many bytes the part holds. */
  private int fill(InputStream content) {
    try {
      return content.readNBytes(part, 0, PART_BYTES);
    } catch (IOException e) {
      throw NightscribeException.transientFailure(
          "Cannot write " + uri + ": reading the content failed: " + e.getMessage(), e);
    }
  }

  private RequestBody body(int length) {
    // A ByteArrayInputStream supports mark/reset, so the SDK can retry without copying the part.
    return RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length);
  }

  private void abort(String uploadId, RuntimeException primary) {
    try {
      client.abortMultipartUpload(
          AbortMultipartUploadRequest.builder()
              .bucket(uri.bucket())
              .key(uri.key())
              .uploadId(uploadId)
              .build());
    } catch (SdkException e) {
      primary.addSuppressed(e);
    }
  }

  private static Optional<String> version(String versionId) {
    return Optional.ofNullable(versionId).filter(v -> !v.isEmpty() && !v.equals("null"));
  }
}
