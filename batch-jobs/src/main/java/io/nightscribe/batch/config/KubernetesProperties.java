package io.nightscribe.batch.config;

import io.nightscribe.batch.kubernetes.Scheduling;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code nightscribe.kubernetes}: what {@code nightscribe k8s render} makes the
 * manifests with. Only that command reads it.
 *
 * @param namespace of every object
 * @param image the nightscribe image, one for every pipeline and model
 * @param imagePullPolicy IfNotPresent, Always or Never
 * @param scheduling cronjobs (a CronJob per scheduled pipeline) or service (the scheduler service)
 * @param serviceAccount what the pods run as
 * @param aws how pods reach S3
 * @param secrets where the credentials are
 * @param environment variables for every nightscribe container
 * @param gpuEnvironment further variables for containers with GPUs (e.g. PYTORCH_LIBRARY_PATH)
 * @param pods every pipeline's pod defaults (see {@link KubernetesPodProperties})
 * @param scheduler the scheduler service's Deployment
 */
public record KubernetesProperties(
    @DefaultValue("nightscribe") String namespace,
    @DefaultValue("nightscribe:dev") String image,
    @DefaultValue("IfNotPresent") String imagePullPolicy,
    @DefaultValue("cronjobs") Scheduling scheduling,
    @DefaultValue ServiceAccountProperties serviceAccount,
    @DefaultValue AwsProperties aws,
    @DefaultValue SecretProperties secrets,
    Map<String, String> environment,
    Map<String, String> gpuEnvironment,
    KubernetesPodProperties pods,
    @DefaultValue SchedulerProperties scheduler) {

  public KubernetesProperties {
    environment = environment == null ? Map.of() : environment;
    gpuEnvironment = gpuEnvironment == null ? Map.of() : gpuEnvironment;
    pods = pods == null ? KubernetesPodProperties.UNSET : pods;
  }

  /**
   * @param name the ServiceAccount's name
   * @param annotations for the cloud's workload identity (GKE, Azure); EKS's role comes from aws
   */
  public record ServiceAccountProperties(
      @DefaultValue("nightscribe") String name, Map<String, String> annotations) {
    public ServiceAccountProperties {
      annotations = annotations == null ? Map.of() : annotations;
    }
  }

  /**
   * @param roleArn an IAM role for web identity (annotates the ServiceAccount for EKS)
   * @param credentialsSecret a Secret with access-key-id and secret-access-key, where there is no
   *     web identity
   * @param region AWS_REGION of the pods
   * @param endpointUrlS3 AWS_ENDPOINT_URL_S3 of the pods, for an S3 API that is not AWS
   */
  public record AwsProperties(
      @DefaultValue("") String roleArn,
      @DefaultValue("") String credentialsSecret,
      @DefaultValue("") String region,
      @DefaultValue("") String endpointUrlS3) {}

  /**
   * @param ledger the Secret with the ledger database's password (key {@code password})
   * @param mlflow the Secret with the MLflow token (key {@code token}); may be absent
   */
  public record SecretProperties(
      @DefaultValue("nightscribe-ledger") String ledger,
      @DefaultValue("nightscribe-mlflow") String mlflow) {}

  /**
   * @param replicas scheduler pods
   * @param managementPort where its health endpoints answer
   * @param pod its pods' resources and placement, over {@code nightscribe.kubernetes.pods}
   */
  public record SchedulerProperties(
      @DefaultValue("2") int replicas,
      @DefaultValue("8081") int managementPort,
      KubernetesPodProperties pod) {
    public SchedulerProperties {
      pod = pod == null ? KubernetesPodProperties.UNSET : pod;
    }
  }
}
