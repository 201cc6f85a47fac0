package io.nightscribe.testsupport;

import java.net.URI;
import java.util.Objects;

/**
 * Where a test S3 server listens and how to sign requests to it (path-style addressing).
 *
 * @param uri the endpoint, e.g. {@code http://127.0.0.1:41234}
 * @param accessKeyId the access key to sign with
 * @param secretAccessKey the secret key to sign with (a throwaway test value)
 * @param region the region to sign for
 */
public record S3Endpoint(URI uri, String accessKeyId, String secretAccessKey, String region) {
  public S3Endpoint {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(region, "region");
  }
}
