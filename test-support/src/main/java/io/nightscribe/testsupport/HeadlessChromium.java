package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol over a plain {@code
 * java.net.http} WebSocket: open a page, collect its errors (uncaught exceptions, console errors,
 * failed loads), evaluate JavaScript in it and take full-page PNG screenshots. One browser per
 * instance, on 127.0.0.1, with a throw-away profile; {@link #close()} ends its process tree. Not
 * thread-safe.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final String BIN_ENV = "NIGHTSCRIBE_CHROMIUM";
  private static final String BINARY = "chromium";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration CALL = Duration.ofSeconds(60);
  private static final Pattern LISTENING =
      Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");

  private final Process process;
  private final Path profile;
  private final URI http;

  private HeadlessChromium(Process process, Path profile, URI http) {
    this.process = process;
    this.profile = profile;
    this.http = http;
  }

  /** Starts a browser; its log goes to {@code target/chromium-*.log}. */
  public static HeadlessChromium start() {
    Path binary = LoopbackHttp.executable(System.getenv(BIN_ENV), BINARY);
    if (binary == null) {
      throw new IllegalStateException(
          "Cannot start Chromium: no "
              + BINARY
              + " executable (apt-get install chromium; scripts/setup.sh does it; or set "
              + BIN_ENV
              + ")");
    }
    try {
      Path profile = Files.createTempDirectory("nightscribe-chromium-");
      Path log = LocalProcesses.logDir(profile).resolve("chromium-" + System.nanoTime() + ".log");
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--headless",
                  // as root (CI, these machines) Chromium refuses to start with its sandbox
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-dev-shm-usage",
                  "--no-first-run",
                  "--no-default-browser-check",
                  "--disable-extensions",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--hide-scrollbars",
                  "--remote-debugging-address=127.0.0.1",
                  "--remote-debugging-port=0",
                  "--user-data-dir=" + profile,
                  "about:blank")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      int port = awaitPort(process, log);
      return new HeadlessChromium(process, profile, URI.create("http://127.0.0.1:" + port));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Chromium: " + e.getMessage(), e);
    }
  }

  private static int awaitPort(Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher listening = LISTENING.matcher(Files.readString(log));
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Cannot start Chromium: it exited with "
                + process.exitValue()
                + ": "
                + LocalProcesses.tail(log));
      }
      LoopbackHttp.sleep(Duration.ofMillis(100));
    }
    LocalProcesses.destroyTree(process, Duration.ofSeconds(5));
    throw new IllegalStateException(
        "Cannot start Chromium: no DevTools port after "
            + STARTUP
            + ": "
            + LocalProcesses.tail(log));
  }

  /**
   * Opens {@code url} in a new tab of {@code width} x {@code height} CSS pixels and waits for its
   * load event.
   */
  public Page open(URI url, int width, int height) {
    var created =
        LoopbackHttp.send(
            LoopbackHttp.request(http.resolve("/json/new?about:blank"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    if (created.statusCode() != 200) {
      throw new IllegalStateException(
          "Cannot open a Chromium tab: HTTP " + created.statusCode() + " " + created.body());
    }
    Map<String, Object> target = MiniJson.object(MiniJson.parse(created.body()), "the new tab");
    Page page = new Page(URI.create((String) target.get("webSocketDebuggerUrl")));
    page.call("Runtime.enable", "{}");
    page.call("Log.enable", "{}");
    page.call("Page.enable", "{}");
    page.call(
        "Emulation.setDeviceMetricsOverride",
        "{\"width\":"
            + width
            + ",\"height\":"
            + height
            + ",\"deviceScaleFactor\":1,\"mobile\":false}");
    page.navigate(url);
    return page;
  }

  @Override
  public void close() {
    LocalProcesses.destroyTree(process, Duration.ofSeconds(5));
    LocalProcesses.deleteQuietly(profile);
  }

  /** One tab, spoken to over its own DevTools WebSocket. */
  public static final class Page implements AutoCloseable {
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending =
        new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> loads = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    private Page(URI webSocket) {
      try {
        socket =
            java.net.http.HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(CALL)
                .buildAsync(webSocket, new Listener())
                .get(CALL.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while connecting to Chromium", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Cannot connect to Chromium at " + webSocket + ": " + e, e);
      }
    }

    /**
     * Every error the page reported so far: uncaught exceptions, {@code console.error} calls, and
     * error entries of the browser's log (a resource that failed to load, a blocked request).
     */
    public List<String> errors() {
      return List.copyOf(errors);
    }

    /** Navigates to {@code url} and waits for its load event when it loads a new document. */
    public void navigate(URI url) {
      CompletableFuture<Void> loaded = new CompletableFuture<>();
      loads.add(loaded);
      Map<String, Object> navigated =
          call("Page.navigate", "{\"url\":" + quote(url.toString()) + "}");
      if (navigated.containsKey("errorText")) {
        throw new IllegalStateException("Cannot load " + url + ": " + navigated.get("errorText"));
      }
      if (navigated.containsKey("loaderId")) {
        await(loaded, "the load event of " + url);
      }
      // else a navigation within the document (a new #fragment of a single-page application):
      // no load event follows, the application renders on its own
    }

    /** The value of a JavaScript expression (JSON types as MiniJson reads them). */
    public Object evaluate(String expression) {
      Map<String, Object> result =
          call(
              "Runtime.evaluate",
              "{\"expression\":"
                  + quote(expression)
                  + ",\"returnByValue\":true,\"awaitPromise\":true}");
      if (result.containsKey("exceptionDetails")) {
        throw new IllegalStateException(
            "Cannot evaluate " + expression + ": " + result.get("exceptionDetails"));
      }
      return MiniJson.object(result.get("result"), "the evaluation result").get("value");
    }

    /** Waits until {@code expression} evaluates to true, as a single-page application renders. */
    public void awaitTrue(String expression, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!Boolean.TRUE.equals(evaluate(expression))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Timed out after " + timeout + " waiting for the page to satisfy " + expression);
        }
        LoopbackHttp.sleep(Duration.ofMillis(200));
      }
    }

    /** A PNG of the whole page, beyond the window's height, written to {@code png}. */
    public Path screenshot(Path png) {
      Map<String, Object> metrics = call("Page.getLayoutMetrics", "{}");
      Map<String, Object> size = MiniJson.object(metrics.get("cssContentSize"), "cssContentSize");
      double width = ((Number) size.get("width")).doubleValue();
      double height = ((Number) size.get("height")).doubleValue();
      Map<String, Object> shot =
          call(
              "Page.captureScreenshot",
              "{\"format\":\"png\",\"captureBeyondViewport\":true,\"clip\":{\"x\":0,\"y\":0,"
                  + "\"width\":"
                  + width
                  + ",\"height\":"
                  + height
                  + ",\"scale\":1}}");
      try {
        Files.createDirectories(png.toAbsolutePath().getParent());
        return Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the screenshot " + png, e);
      }
    }

    /** Sends one DevTools command and returns its result. */
    public Map<String, Object> call(String method, String paramsJson) {
      int id = ids.incrementAndGet();
      CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
      pending.put(id, answer);
      socket
          .sendText(
              "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}",
              true)
          .join();
      Map<String, Object> message = await(answer, method);
      if (message.containsKey("error")) {
        throw new IllegalStateException("Chromium refused " + method + ": " + message.get("error"));
      }
      return MiniJson.object(message.get("result"), method + " result");
    }

    @Override
    public void close() {
      try {
        call("Page.close", "{}");
      } catch (IllegalStateException alreadyGone) {
        // the tab closes with the socket either way
      }
      socket.abort();
    }

    private void onMessage(String text) {
      Map<String, Object> message = MiniJson.object(MiniJson.parse(text), "a DevTools message");
      Object id = message.get("id");
      if (id instanceof Number number) {
        CompletableFuture<Map<String, Object>> answer = pending.remove(number.intValue());
        if (answer != null) {
          answer.complete(message);
        }
        return;
      }
      String method = String.valueOf(message.get("method"));
      Map<String, Object> params =
          message.get("params") == null ? Map.of() : MiniJson.object(message.get("params"), method);
      switch (method) {
        case "Page.loadEventFired" -> loads.forEach(load -> load.complete(null));
        case "Runtime.exceptionThrown" ->
            errors.add("exception: " + params.get("exceptionDetails"));
        case "Runtime.consoleAPICalled" -> {
          if ("error".equals(params.get("type")) || "assert".equals(params.get("type"))) {
            errors.add("console." + params.get("type") + ": " + params.get("args"));
          }
        }
        case "Log.entryAdded" -> {
          Map<String, Object> entry = MiniJson.object(params.get("entry"), "Log entry");
          if ("error".equals(entry.get("level"))) {
            errors.add("log: " + entry.get("text") + " " + entry.getOrDefault("url", ""));
          }
        }
        default -> {
          // other events are not asked for
        }
      }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
      try {
        return future.get(CALL.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Chromium did not answer " + what + " within " + CALL, e);
      }
    }

    /** Gathers a message's fragments; DevTools sends one JSON object per message. */
    private final class Listener implements WebSocket.Listener {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          partial.setLength(0);
          onMessage(text);
        }
        webSocket.request(1);
        return null;
      }
    }
  }

  /** {@code text} as a JSON string. */
  static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
