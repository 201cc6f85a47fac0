package io.nightscribe.registry.mlflow;

import io.nightscribe.asr.NightscribeException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's model registry over its REST API: registered models, versions, version tags and aliases
 * (mlflow-client has no aliases). Failures are {@link NightscribeException}s as in {@link
 * MlflowClient}. Thread-safe.
 */
public final class MlflowModelRegistry {
  private static final String API = MlflowHttp.API;
  private final MlflowHttp api;

  MlflowModelRegistry(MlflowHttp api) {
    this.api = api;
  }

  /**
   * Registers a new version of {@code name} (creating the registered model when missing) from files
   * at {@code source}, produced by MLflow run {@code runId}.
   */
  public ModelVersion createVersion(
      String name, String source, String runId, Map<String, String> tags) {
    String create = "register MLflow model '" + name + "'";
    HttpResponse<byte[]> created =
        api.send(create, api.post(API + "registered-models/create", Map.of("name", name)));
    if (created.statusCode() != 200 && !api.errorCode(created).equals("RESOURCE_ALREADY_EXISTS")) {
      throw api.rejected(create, created);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("source", source);
    body.put("run_id", runId);
    body.put("tags", MlflowHttp.keyValues(tags));
    String action = "create a version of MLflow model '" + name + "'";
    return version(
        api.read(action, api.send(action, api.post(API + "model-versions/create", body)))
            .path("model_version"));
  }

  /** Version {@code version} of {@code name}, or empty when there is none. */
  public Optional<ModelVersion> version(String name, String version) {
    String action = "get version " + version + " of MLflow model '" + name + "'";
    return optionalVersion(
        action,
        api.send(
            action,
            api.get(
                API
                    + "model-versions/get?name="
                    + MlflowHttp.query(name)
                    + "&version="
                    + MlflowHttp.query(version))));
  }

  /** The version alias {@code alias} of {@code name} points at, or empty when it is not set. */
  public Optional<ModelVersion> versionByAlias(String name, String alias) {
    String action = "get alias @" + alias + " of MLflow model '" + name + "'";
    return optionalVersion(
        action,
        api.send(
            action,
            api.get(
                API
                    + "registered-models/alias?name="
                    + MlflowHttp.query(name)
                    + "&alias="
                    + MlflowHttp.query(alias))));
  }

  /** Points {@code alias} of {@code name} at {@code version}, moving it from any other version. */
  public void setAlias(String name, String alias, String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("alias", alias);
    body.put("version", version);
    String action = "set alias @" + alias + " of MLflow model '" + name + "' to version " + version;
    api.read(action, api.send(action, api.post(API + "registered-models/alias", body)));
  }

  /** Sets a tag of a model version (replacing its value). */
  public void setVersionTag(String name, String version, String key, String value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("version", version);
    body.put("key", key);
    body.put("value", value);
    String action = "tag version " + version + " of MLflow model '" + name + "'";
    api.read(action, api.send(action, api.post(API + "model-versions/set-tag", body)));
  }

  private Optional<ModelVersion> optionalVersion(String action, HttpResponse<byte[]> response) {
    if (response.statusCode() == 404
        || api.errorCode(response).equals("RESOURCE_DOES_NOT_EXIST")
        || unknownAlias(response)) {
      return Optional.empty();
    }
    return Optional.of(version(api.read(action, response).path("model_version")));
  }

  /** MLflow answers an alias that is not set with 400 INVALID_PARAMETER_VALUE "... not found". */
  private boolean unknownAlias(HttpResponse<byte[]> response) {
    if (response.statusCode() != 400
        || !api.errorCode(response).equals("INVALID_PARAMETER_VALUE")) {
      return false;
    }
    String message = api.read(response).path("message").asString("");
    return message.contains("alias") && message.contains("not found");
  }

  private static ModelVersion version(JsonNode version) {
    Map<String, String> tags = new TreeMap<>();
    version
        .path("tags")
        .forEach(tag -> tags.put(tag.path("key").asString(), tag.path("value").asString()));
    List<String> aliases = new ArrayList<>();
    version.path("aliases").forEach(alias -> aliases.add(alias.asString()));
    return new ModelVersion(
        version.path("name").asString(),
        version.path("version").asString(),
        version.path("source").asString(),
        version.path("run_id").asString(""),
        version.path("status").asString(""),
        tags,
        aliases);
  }
}
