package io.nightscribe.asr.storage;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One S3 object read through ranged GETs pinned to the version (or, unversioned, the ETag) it had
 * when opened. While reads are sequential one response stream serves them all; a seek aborts it and
 * opens a new one from the new position to the end. Not thread-safe.
 */
final class S3SeekableObject implements SeekableObject {
  private static final Logger log = LoggerFactory.getLogger(S3SeekableObject.class);

  private final S3Client client;
  private final ObjectInfo info;
  private final Sha256Tracker tracker;
  private ResponseInputStream<GetObjectResponse> stream;
  private long streamPosition;

  S3SeekableObject(S3Client client, ObjectInfo info) {
    this.client = client;
    this.info = info;
    this.tracker = new Sha256Tracker(this::readAt, info);
  }

  @Override
  public ObjectInfo info() {
    return info;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) {
    return tracker.read(position, buffer, offset, length);
  }

  @Override
  public String sha256() {
    return tracker.sha256();
  }

  @Override
  public void close() {
    closeStream();
  }

  private int readAt(long position, byte[] buffer, int offset, int length) {
    if (position >= info.sizeBytes()) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    if (stream == null || streamPosition != position) {
      openStreamAt(position);
    }
    try {
      int read = stream.read(buffer, offset, length);
      if (read < 0) {
        throw new IOException(
            "the response ended at byte " + streamPosition + " of " + info.sizeBytes());
      }
      streamPosition += read;
      return read;
    } catch (IOException e) {
      closeStream();
      throw S3Errors.translate("read", info.uri(), e);
    } catch (SdkException e) {
      closeStream();
      throw S3Errors.translate("read", info.uri(), e);
    }
  }

  private void openStreamAt(long position) {
    closeStream();
    GetObjectRequest.Builder request =
        GetObjectRequest.builder()
            .bucket(info.uri().bucket())
            .key(info.uri().key())
            .range("bytes=" + position + "-");
    info.versionId()
        .ifPresentOrElse(request::versionId, () -> request.ifMatch('"' + info.etag() + '"'));
    try {
      stream = client.getObject(request.build());
      streamPosition = position;
    } catch (SdkException e) {
      throw S3Errors.translate("read", info.uri(), e);
    }
  }

  private void closeStream() {
    if (stream == null) {
      return;
    }
    ResponseInputStream<GetObjectResponse> closing = stream;
    stream = null;
    // Closing drains the rest of an open-ended range to reuse the connection; aborting drops it.
    if (streamPosition < info.sizeBytes()) {
      closing.abort();
    }
    try {
      closing.close();
    } catch (IOException e) {
      // The bytes read so far are good; a connection that fails to close is the pool's problem.
      log.debug("Closing the response for {} failed", info.uri(), e);
    }
  }
}
