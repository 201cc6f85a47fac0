package io.nightscribe.registry.mlflow;

import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP plumbing the MLflow clients share: requests with the token, timeouts, and failures
 * turned into {@link NightscribeException}s that name the server. Thread-safe.
 */
final class MlflowHttp {
  static final String API = "/api/2.0/mlflow/";
  static final String ARTIFACTS_API = "/api/2.0/mlflow-artifacts/artifacts/";

  private final String base;
  private final String server;
  private final String authorization;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  MlflowHttp(URI trackingUri, String token, Duration connectTimeout, Duration requestTimeout) {
    Objects.requireNonNull(trackingUri, "trackingUri");
    String scheme = trackingUri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw NightscribeException.configuration(
          "Cannot use MLflow tracking URI "
              + trackingUri
              + ": only http:// and https:// servers are supported (set NIGHTSCRIBE_MLFLOW_URI)");
    }
    this.base = trackingUri.toString().replaceAll("/+$", "");
    this.server = withoutUserInfo(trackingUri);
    this.authorization = token == null || token.isBlank() ? null : "Bearer " + token;
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The server as shown in messages (without user info). */
  String server() {
    return server;
  }

  JsonMapper json() {
    return json;
  }

  HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  HttpRequest.Builder post(String path, Object body) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  HttpResponse<byte[]> send(String action, HttpRequest.Builder request) {
    return send(action, request, HttpResponse.BodyHandlers.ofByteArray());
  }

  <T> HttpResponse<T> send(
      String action, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.build(), body);
    } catch (IOException e) {
      Duration timeout =
          e instanceof java.net.http.HttpConnectTimeoutException ? connectTimeout : requestTimeout;
      throw MlflowFailures.unreachable(server, e, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NightscribeException.transientFailure(
          "Cannot " + action + " at " + server + ": interrupted", e);
    }
  }

  JsonNode read(String action, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw rejected(action, response);
    }
    return read(response);
  }

  JsonNode read(HttpResponse<byte[]> response) {
    return json.readTree(new String(response.body(), StandardCharsets.UTF_8));
  }

  String errorCode(HttpResponse<byte[]> response) {
    try {
      return read(response).path("error_code").asString("");
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  NightscribeException rejected(String action, HttpResponse<byte[]> response) {
    return rejected(action, response.statusCode(), response.body());
  }

  NightscribeException rejected(String action, int status, byte[] body) {
    return MlflowFailures.rejected(
        action, server, status, new String(body, StandardCharsets.UTF_8), json);
  }

  static List<Map<String, String>> keyValues(Map<String, String> map) {
    List<Map<String, String>> list = new ArrayList<>();
    map.forEach((k, v) -> list.add(Map.of("key", k, "value", v)));
    return list;
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String withoutUserInfo(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString()
          .replaceAll("/+$", "");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid MLflow tracking URI " + uri, e);
    }
  }
}
