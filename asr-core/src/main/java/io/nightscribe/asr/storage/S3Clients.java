package io.nightscribe.asr.storage;

import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 clients nightscribe uses: the standard AWS configuration, or a fixed endpoint; both
 * retry with the SDK's standard strategy as {@link S3ClientSettings} say, and report every call's
 * retry count to a metric publisher.
 */
final class S3Clients {
  /** Enough connections for the readers, decoders and writers of one worker JVM. */
  private static final int MAX_CONNECTIONS = 64;

  private static final Region FALLBACK_REGION = Region.US_EAST_1;

  private S3Clients() {}

  /**
   * A client configured the standard AWS way: region and credentials from their default chains
   * (environment, system properties, profile, web identity, container or instance role), region
   * us-east-1 when none is configured. The endpoint comes from {@code AWS_ENDPOINT_URL_S3} or
   * {@code AWS_ENDPOINT_URL} (the SDK reads them); with such an override, or with {@code
   * AWS_S3_FORCE_PATH_STYLE=true}, requests use path-style addressing, as s3proxy, moto and MinIO
   * need.
   */
  static S3Client standard(S3ClientSettings settings, MetricPublisher retries) {
    S3ClientBuilder builder =
        base(settings, retries)
            .region(configuredRegion().orElse(FALLBACK_REGION))
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    if (pathStyleWanted()) {
      builder.forcePathStyle(true);
    }
    return builder.build();
  }

  /** A client of an explicit endpoint with static credentials, path-style, in us-east-1. */
  static S3Client forEndpoint(
      URI endpoint,
      String accessKeyId,
      String secretAccessKey,
      S3ClientSettings settings,
      MetricPublisher retries) {
    return base(settings, retries)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(FALLBACK_REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .build();
  }

  private static S3ClientBuilder base(S3ClientSettings settings, MetricPublisher retries) {
    return S3Client.builder()
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                // a body read after the call returned is outside the attempt timeout: a silent
                // socket must fail it as well
                .socketTimeout(settings.attemptTimeout()))
        .overrideConfiguration(
            override ->
                override
                    .retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(settings.maxAttempts())
                            .backoffStrategy(
                                BackoffStrategy.exponentialDelay(
                                    settings.baseDelay(), settings.maxBackoff()))
                            .build())
                    .apiCallAttemptTimeout(settings.attemptTimeout())
                    .addMetricPublisher(retries));
  }

  private static Optional<Region> configuredRegion() {
    try {
      return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }

  private static boolean pathStyleWanted() {
    return "true".equalsIgnoreCase(setting("AWS_S3_FORCE_PATH_STYLE", "aws.s3ForcePathStyle"))
        || Stream.of(
                setting("AWS_ENDPOINT_URL_S3", "aws.endpointUrlS3"),
                setting("AWS_ENDPOINT_URL", "aws.endpointUrl"))
            .anyMatch(value -> value != null && !value.isBlank());
  }

  private static String setting(String environmentVariable, String systemProperty) {
    String property = System.getProperty(systemProperty);
    return property != null ? property : System.getenv(environmentVariable);
  }
}
