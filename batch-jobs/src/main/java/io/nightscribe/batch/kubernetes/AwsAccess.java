package io.nightscribe.batch.kubernetes;

import java.util.Objects;

/**
 * How pods reach S3. With a role ARN the ServiceAccount is annotated for web identity (EKS IAM
 * roles for service accounts: the cluster injects {@code AWS_ROLE_ARN} and a token file, and the
 * AWS SDK's default chain uses them); with a Secret the pods get {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} from it; with neither, the SDK's default chain finds what the node
 * gives (EKS Pod Identity, an instance profile).
 *
 * @param roleArn the IAM role for web identity; empty for none
 * @param credentialsSecret a Secret with keys {@code access-key-id} and {@code secret-access-key};
 *     empty for none
 * @param region {@code AWS_REGION}; empty to leave it to the SDK
 * @param endpointUrlS3 {@code AWS_ENDPOINT_URL_S3}, for an S3 API that is not AWS; empty for AWS
 */
public record AwsAccess(
    String roleArn, String credentialsSecret, String region, String endpointUrlS3) {
  public static final String ACCESS_KEY_ID = "access-key-id";
  public static final String SECRET_ACCESS_KEY = "secret-access-key";

  public AwsAccess {
    roleArn = Objects.requireNonNullElse(roleArn, "");
    credentialsSecret = Objects.requireNonNullElse(credentialsSecret, "");
    region = Objects.requireNonNullElse(region, "");
    endpointUrlS3 = Objects.requireNonNullElse(endpointUrlS3, "");
    if (!roleArn.isEmpty() && !credentialsSecret.isEmpty()) {
      throw new IllegalArgumentException(
          "both a role for web identity and a credentials Secret are set: keep one");
    }
    if (!credentialsSecret.isEmpty()) {
      KubernetesNames.checkName("the AWS credentials Secret", credentialsSecret);
    }
  }

  boolean webIdentity() {
    return !roleArn.isEmpty();
  }
}
