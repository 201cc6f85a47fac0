package io.nightscribe.registry.mlflow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Artifact paths and how they map onto the tracking server's artifact proxy. */
final class ArtifactPaths {
  private static final String PROXY_SCHEME = "mlflow-artifacts:";

  private ArtifactPaths() {}

  /** Checks a relative artifact path: no leading slash, no empty, '.' or '..' segments. */
  static String checkRelative(String path) {
    if (path == null
        || path.isEmpty()
        || path.startsWith("/")
        || path.contains("\\")
        || Arrays.stream(path.split("/", -1))
            .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
      throw new IllegalArgumentException(
          "Invalid artifact path '" + path + "': use a relative path like _runs/run.json");
    }
    return path;
  }

  /**
   * The proxy path of a run's artifact root: {@code mlflow-artifacts:/1/<run>/artifacts} (or {@code
   * mlflow-artifacts://host:port/1/<run>/artifacts}) becomes {@code 1/<run>/artifacts}.
   *
   * @throws IllegalStateException if the root is not served through the tracking server
   */
  static String proxyRoot(String artifactUri) {
    if (artifactUri == null || !artifactUri.startsWith(PROXY_SCHEME)) {
      throw new IllegalStateException(String.valueOf(artifactUri));
    }
    String path = URI.create(artifactUri).getPath();
    return path.replaceAll("^/+", "").replaceAll("/+$", "");
  }

  /** Percent-encodes each segment of {@code path}, keeping the slashes. */
  static String encode(String path) {
    return Arrays.stream(path.split("/"))
        .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("/"));
  }
}
