package io.nightscribe.batch.cli;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.batch.config.KubernetesDeploymentReader;
import io.nightscribe.batch.kubernetes.ClusterSettings;
import io.nightscribe.batch.kubernetes.KubernetesDeployment;
import io.nightscribe.batch.kubernetes.KubernetesRenderer;
import io.nightscribe.batch.kubernetes.Overlay;
import io.nightscribe.batch.kubernetes.PipelineWorkload;
import io.nightscribe.batch.kubernetes.RenderedFiles;
import io.nightscribe.batch.kubernetes.Scheduling;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe k8s}: Kubernetes manifests made from the pipelines. */
@Command(
    name = "k8s",
    mixinStandardHelpOptions = true,
    description = "Kubernetes manifests made from the pipelines.",
    subcommands = {K8sCommand.Render.class})
public class K8sCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'nightscribe k8s render --help'");
  }

  /** Writes the kustomize tree of every pipeline in the configuration. */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = {
        "Write Kubernetes manifests for every pipeline of the configuration file, as a kustomize tree:",
        "  base/                 the ServiceAccount (cloud identity), the configuration file as a ConfigMap,",
        "                        and for pipelines with runner: spark their Spark settings and pod templates",
        "  components/cronjobs/  a CronJob per scheduled pipeline, each pod checking its dependencies first",
        "                        (nightscribe health) (nightscribe.kubernetes.scheduling: cronjobs, the default)",
        "  components/scheduler/ or the scheduler service: a Deployment with probes, its Service (scheduling: service)",
        "  components/prometheus-rules/  the alert rules as a PrometheusRule (Prometheus Operator); in no overlay:",
        "                        add it to one of yours with the label your Prometheus's ruleSelector wants",
        "  jobs/                 per pipeline, a backfill and a replay Job to create once FROM/TO or RUN_ID are set",
        "  overlays/dev|prod/    what to apply: prod as rendered; dev with the CronJobs suspended, finished Jobs",
        "                        kept an hour and one scheduler replica",
        "Every pod runs the one --image: models are not in it but resolved from their references when a run starts.",
        "Pods read credentials from Secrets they reference (the ledger's password, the MLflow token, AWS keys",
        "where there is no web identity); create those yourself: nothing secret is rendered, and a password",
        "written into the configuration file is refused. Resources, GPUs, node selectors and tolerations come",
        "from nightscribe.pipelines.<name>.kubernetes over nightscribe.kubernetes.pods. Reads the file alone",
        "(no environment variables), as the pods will. The same file gives the same bytes; files of pipelines",
        "that are gone are deleted, nothing else in --output is touched."
      },
      footer = {
        "",
        "Examples:",
        "  nightscribe k8s render --config nightscribe.yml --output deploy/",
        "  nightscribe k8s render --config nightscribe.yml --overlay prod \\",
        "      --image registry.example.com/nightscribe:0.1.0 --namespace speech",
        "  kubectl apply -k deploy/overlays/prod",
        "",
        "Exit codes: 0 written; 2 usage or configuration error (the message names the key)."
      })
  static class Render implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Option(
        names = "--overlay",
        paramLabel = "dev|prod",
        description = "Write only this overlay (default: both).")
    String overlay;

    @Option(
        names = "--output",
        paramLabel = "DIR",
        defaultValue = "nightscribe-k8s",
        description = "Where to write the tree (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(
        names = "--image",
        paramLabel = "REF",
        description =
            "The nightscribe image (default: nightscribe.kubernetes.image, else nightscribe:dev).")
    String image;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description =
            "The namespace (default: nightscribe.kubernetes.namespace, else nightscribe).")
    String namespace;

    @Override
    public Integer call() {
      Set<Overlay> overlays = overlays();
      Path file =
          context
              .configFile()
              .orElseThrow(
                  () ->
                      NightscribeException.configuration(
                          "Cannot render manifests: no configuration file (give --config FILE with the"
                              + " pipelines, or set NIGHTSCRIBE_CONFIG)"));
      KubernetesDeployment deployment = withOverrides(KubernetesDeploymentReader.read(file));
      RenderedFiles files;
      try {
        files = new KubernetesRenderer().render(deployment, overlays);
      } catch (IllegalArgumentException e) {
        throw NightscribeException.configuration("Cannot render manifests: " + e.getMessage(), e);
      }
      RenderedFiles.WriteSummary written = files.write(output);
      PrintWriter out = spec.commandLine().getOut();
      if (context.json) {
        out.println(
            JsonMapper.builder().build().writeValueAsString(json(deployment, overlays, written)));
      } else {
        print(out, deployment, overlays, written);
      }
      return NightscribeCommand.OK;
    }

    private Set<Overlay> overlays() {
      if (overlay == null) {
        return EnumSet.allOf(Overlay.class);
      }
      for (Overlay candidate : Overlay.values()) {
        if (candidate.folder().equals(overlay)) {
          return EnumSet.of(candidate);
        }
      }
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --overlay '" + overlay + "': give dev or prod");
    }

    private KubernetesDeployment withOverrides(KubernetesDeployment deployment) {
      ClusterSettings cluster = deployment.cluster();
      if (image != null) {
        cluster = placed(cluster, image, cluster.namespace(), "--image");
      }
      if (namespace != null) {
        cluster = placed(cluster, cluster.image(), namespace, "--namespace");
      }
      return deployment.with(cluster);
    }

    private ClusterSettings placed(
        ClusterSettings cluster, String otherImage, String otherNamespace, String option) {
      try {
        return cluster.placed(otherImage, otherNamespace);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Invalid " + option + ": " + e.getMessage());
      }
    }

    private Map<String, Object> json(
        KubernetesDeployment deployment,
        Set<Overlay> overlays,
        RenderedFiles.WriteSummary written) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("output", output.toString());
      fields.put("namespace", deployment.cluster().namespace());
      fields.put("image", deployment.cluster().image());
      fields.put("scheduling", deployment.cluster().scheduling().name().toLowerCase(Locale.ROOT));
      fields.put("pipelines", deployment.pipelines().size());
      fields.put("scheduled", scheduled(deployment));
      fields.put("onSpark", onSpark(deployment));
      fields.put("overlays", overlays.stream().map(Overlay::folder).toList());
      fields.put("files", written.files());
      fields.put("written", written.written());
      fields.put("removed", written.removed());
      return fields;
    }

    private void print(
        PrintWriter out,
        KubernetesDeployment deployment,
        Set<Overlay> overlays,
        RenderedFiles.WriteSummary written) {
      ClusterSettings cluster = deployment.cluster();
      out.printf(
          "Rendered %d pipelines (%d scheduled by %s, %d on Spark) into %s: %d files, %d written, %d removed.%n",
          deployment.pipelines().size(),
          scheduled(deployment),
          cluster.scheduling() == Scheduling.CRONJOBS ? "CronJobs" : "the scheduler service",
          onSpark(deployment),
          output,
          written.files(),
          written.written().size(),
          written.removed().size());
      out.printf("Image %s, namespace %s.%n", cluster.image(), cluster.namespace());
      out.println("Create the Secrets the pods read first (they are never rendered):");
      String create = "  kubectl -n " + cluster.namespace() + " create secret generic ";
      out.println(create + cluster.secrets().ledger() + " --from-literal=password=...");
      out.println(
          create
              + cluster.secrets().mlflow()
              + " --from-literal=token=...   # if MLflow wants one");
      if (!cluster.aws().credentialsSecret().isEmpty()) {
        out.println(
            create
                + cluster.aws().credentialsSecret()
                + " --from-literal=access-key-id=... --from-literal=secret-access-key=...");
      }
      for (Overlay each : overlays) {
        out.printf(
            "Apply: kubectl apply -k %s%n", output.resolve("overlays").resolve(each.folder()));
      }
    }

    private static long scheduled(KubernetesDeployment deployment) {
      return deployment.pipelines().stream().filter(p -> p.schedule().isPresent()).count();
    }

    private static long onSpark(KubernetesDeployment deployment) {
      return deployment.pipelines().stream()
          .map(PipelineWorkload::spark)
          .filter(s -> s.isPresent())
          .count();
    }
  }
}
