package io.ecdp.customers.contract;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real Stoplight Prism ({@code prism mock --errors}) started from the pinned npm package on a
 * free loopback port; its log goes to a file under {@code target/}.
 */
final class PrismProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final URI uri;
  private final Path log;

  private PrismProcess(Process process, URI uri, Path log) {
    this.process = process;
    this.uri = uri;
    this.log = log;
  }

  /** Starts Prism on {@code spec} and returns once it listens. */
  static PrismProcess start(Path spec, Path log) throws IOException, InterruptedException {
    Path cli =
        Path.of(Objects.requireNonNull(System.getProperty("ecdp.prism.cli"), "ecdp.prism.cli"));
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          cli + " is missing: run `npm ci` in contract-tests/ (the build does)");
    }
    int port = freePort();
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(
                List.of(
                    System.getProperty("ecdp.node", "node"),
                    cli.toString(),
                    "mock",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(port),
                    "--errors",
                    spec.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrismProcess prism = new PrismProcess(process, URI.create("http://127.0.0.1:" + port), log);
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!listening(port)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Prism exited with "
                + process.exitValue()
                + "; see "
                + log
                + ":\n"
                + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        prism.close();
        throw new IllegalStateException("Prism did not listen within " + STARTUP + "; see " + log);
      }
      Thread.sleep(100);
    }
    return prism;
  }

  URI uri() {
    return uri;
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
