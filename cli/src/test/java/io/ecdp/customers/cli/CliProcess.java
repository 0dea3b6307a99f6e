package io.ecdp.customers.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the packaged {@code ecdp} jar in a JVM of its own, as a user would. */
final class CliProcess {

  private CliProcess() {}

  /** Returns {@code args} followed by {@code more}. */
  static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  static ProcessBuilder builder(String maxHeap, Path workDir, Path output, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    // SIGINT reaches the JVM even when this test runs where it is ignored (a background job):
    // a JVM that starts with SIGINT ignored leaves it so, and Ctrl-C could not be tried.
    command.add("env");
    command.add("--default-signal=INT");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-jar");
    command.add(System.getProperty("ecdp.cli.jar"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
  }

  /** Sends {@code signal} (e.g. {@code INT}, {@code TERM}) to {@code process}, as kill(1) does. */
  static void signal(Process process, String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -s " + signal + " " + process.pid() + " failed");
    }
  }

  /** A running {@code ecdp sandbox serve} and the address it printed. */
  record Served(Process process, Path output, java.net.URI uri) {
    /** Stops it with SIGTERM (it saves its state) and waits for it to end. */
    void stop() throws IOException, InterruptedException {
      signal(process, "TERM");
      process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Starts {@code ecdp sandbox serve --port 0} in {@code dir} and waits for its address. */
  static Served serve(Path dir, Path output, String... more) throws Exception {
    return serve(java.util.Map.of(), dir, output, more);
  }

  /** Starts {@code ecdp sandbox serve --port 0} with {@code env} added to its environment. */
  static Served serve(java.util.Map<String, String> env, Path dir, Path output, String... more)
      throws Exception {
    String[] args = append(new String[] {"sandbox", "serve", "--port", "0"}, more);
    ProcessBuilder b = builder("256m", dir, output, args);
    b.environment().putAll(env);
    Process p = b.start();
    for (int attempt = 0; attempt < 600; attempt++) { // the JVM's start, on a loaded machine
      String printed =
          java.nio.file.Files.exists(output) ? java.nio.file.Files.readString(output) : "";
      List<String> lines = printed.lines().toList();
      // The address, once the banner's last line is out too: whoever reads one reads it all.
      if (lines.contains("Stop with Ctrl-C or SIGTERM.")) {
        for (String line : lines) {
          if (line.startsWith("Sandbox listening on ")) {
            return new Served(
                p, output, java.net.URI.create(line.substring("Sandbox listening on ".length())));
          }
        }
      }
      if (!p.isAlive()) {
        throw new AssertionError("sandbox serve ended: " + printed);
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError("no address printed");
  }
}
