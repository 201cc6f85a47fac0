package io.nightscribe.asr.storage;

import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS SDK failures into categorized NightscribeExceptions, in one place. */
final class S3Errors {
  private S3Errors() {}

  /**
   * The categorized form of {@code e}, raised while trying to {@code verb} {@code uri}.
   *
   * <p>A missing bucket or missing or refused credentials are CONFIGURATION; a missing object or
   * version, or an object that changed under a pinned read, is BAD_INPUT; throttling, 5xx and
   * network failures are TRANSIENT; anything else is INTERNAL.
   */
  static NightscribeException translate(String verb, StorageUri uri, SdkException e) {
    String prefix = "Cannot " + verb + " " + uri + ": ";
    if (e instanceof AwsServiceException service) {
      return fromService(verb, uri, service);
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof SdkClientException && message.contains("Unable to load credentials")) {
      return noCredentials(prefix, e);
    }
    return NightscribeException.transientFailure(prefix + message, e);
  }

  /** A failure reading a response stream: the network, so worth a retry. */
  static NightscribeException translate(String verb, StorageUri uri, IOException e) {
    return NightscribeException.transientFailure(
        "Cannot " + verb + " " + uri + ": " + e.getMessage(), e);
  }

  static NightscribeException noSuchBucket(String verb, StorageUri uri, Exception cause) {
    return NightscribeException.configuration(
        "Cannot "
            + verb
            + " "
            + uri
            + ": bucket "
            + uri.bucket()
            + " does not exist (create it or fix the URI)",
        cause);
  }

  private static NightscribeException fromService(
      String verb, StorageUri uri, AwsServiceException e) {
    String prefix = "Cannot " + verb + " " + uri + ": ";
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    int status = e.statusCode();
    if ("NoSuchBucket".equals(code)) {
      return noSuchBucket(verb, uri, e);
    }
    if ("NoSuchVersion".equals(code)) {
      return NightscribeException.badInput(prefix + "no such version", e);
    }
    if ("NoSuchKey".equals(code) || status == 404) {
      return NightscribeException.badInput(prefix + "no such object", e);
    }
    if (status == 412) {
      return NightscribeException.badInput(prefix + "it changed while reading", e);
    }
    if (e.isThrottlingException() || status >= 500 || status == 408) {
      return NightscribeException.transientFailure(prefix + describe(e), e);
    }
    if (status == 401 || status == 403) {
      return NightscribeException.configuration(
          prefix
              + describe(e)
              + " (check the credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE,"
              + " and their permissions on bucket "
              + uri.bucket()
              + ")",
          e);
    }
    return NightscribeException.internal(prefix + describe(e), e);
  }

  private static NightscribeException noCredentials(String prefix, SdkException e) {
    return NightscribeException.configuration(
        prefix
            + "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
            + " AWS_PROFILE, or run with a web identity or instance role)",
        e);
  }

  private static String describe(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String what = code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code;
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    return message == null || message.isEmpty() ? what : what + ": " + message;
  }
}
