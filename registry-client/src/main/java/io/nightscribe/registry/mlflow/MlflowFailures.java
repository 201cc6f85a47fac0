package io.nightscribe.registry.mlflow;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns transport failures and MLflow error responses into categorised, one-line exceptions. */
final class MlflowFailures {
  private static final String START_FIX =
      "start the tracking server or unset NIGHTSCRIBE_MLFLOW_URI";
  private static final int MAX_SERVER_MESSAGE_CHARS = 300;

  private MlflowFailures() {}

  /** A request never got an answer: always TRANSIENT, the outbox retries it. */
  static NightscribeException unreachable(String server, IOException e, Duration timeout) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "connect timed out after " + timeout.toMillis() + " ms (" + START_FIX + ")";
    } else if (e instanceof HttpTimeoutException) {
      reason = "no answer within " + timeout.toMillis() + " ms (is the server overloaded?)";
    } else if (hasCause(e, UnresolvedAddressException.class)) {
      reason = "unknown host (check NIGHTSCRIBE_MLFLOW_URI)";
    } else if (e instanceof ConnectException) {
      reason = "connection refused (" + START_FIX + ")";
    } else {
      reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return NightscribeException.transientFailure(
        "Cannot reach MLflow at " + server + ": " + reason, e);
  }

  /** The server answered {@code status} with {@code body} to {@code action}. */
  static NightscribeException rejected(
      String action, String server, int status, String body, JsonMapper json) {
    String errorCode = "";
    String message = body;
    try {
      JsonNode error = json.readTree(body);
      errorCode = error.path("error_code").asString("");
      message = error.path("message").asString(body);
    } catch (RuntimeException notJson) {
      // an HTML page from a proxy or a plain-text error: keep the body as the message
    }
    ErrorCategory category = category(status, errorCode);
    String text =
        "Cannot "
            + action
            + " at "
            + server
            + ": HTTP "
            + status
            + (errorCode.isEmpty() ? "" : " " + errorCode)
            + ": "
            + oneLine(message)
            + fix(status, errorCode);
    return new NightscribeException(category, text);
  }

  private static ErrorCategory category(int status, String errorCode) {
    if (status >= 500
        || status == 429
        || status == 408
        || "TEMPORARILY_UNAVAILABLE".equals(errorCode)) {
      return ErrorCategory.TRANSIENT;
    }
    if (status == 401
        || status == 403
        || "ENDPOINT_NOT_FOUND".equals(errorCode)
        || (status == 404 && errorCode.isEmpty())) {
      return ErrorCategory.CONFIGURATION;
    }
    return ErrorCategory.INTERNAL;
  }

  private static String fix(int status, String errorCode) {
    if (status == 401) {
      return " (set MLFLOW_TRACKING_TOKEN)";
    }
    if (status == 403) {
      return " (check the token's permissions and the server's --allowed-hosts)";
    }
    if ("ENDPOINT_NOT_FOUND".equals(errorCode) || (status == 404 && errorCode.isEmpty())) {
      return " (is NIGHTSCRIBE_MLFLOW_URI an MLflow 3 tracking server run with --serve-artifacts?)";
    }
    return "";
  }

  private static String oneLine(String message) {
    String flat = message.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_SERVER_MESSAGE_CHARS
        ? flat
        : flat.substring(0, MAX_SERVER_MESSAGE_CHARS) + "...";
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
