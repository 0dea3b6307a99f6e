package io.ecdp.customers.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds and runs every consumer project (projects/*) with a real Maven, against the client, the
 * sandbox and the BOM this build just installed into its own local repository; two at a time, each
 * within a bounded time. A consumer passes when its build succeeds (its program checks the calls it
 * made and exits non-zero otherwise) and its program printed nothing but its results: no SLF4J
 * notice, no Jersey or Grizzly warning. The results go to target/consumer-matrix.md, and the
 * README's compatibility table must be exactly that table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerMatrixIT {

  private static final Path PROJECTS = Path.of(System.getProperty("ecdp.projects"));
  private static final Path WORK = Path.of(System.getProperty("ecdp.consumers.work"));
  private static final String VERSION = System.getProperty("ecdp.version");
  private static final long BUILD_MINUTES = 5;

  private static final Map<String, Consumer> CONSUMERS = new LinkedHashMap<>();
  private static final Map<String, Future<Outcome>> RUNS = new ConcurrentHashMap<>();
  private static final Map<String, Outcome> DONE = new ConcurrentHashMap<>();
  private static ExecutorService pool;

  record Outcome(
      int exit, String buildLog, List<String> programOutput, Map<String, String> results) {}

  @BeforeAll
  static void buildAll() throws IOException {
    deleteRecursively(WORK);
    copy(PROJECTS, WORK);
    try (Stream<Path> dirs = Files.list(WORK)) {
      dirs.filter(d -> Files.isRegularFile(d.resolve("consumer.properties")))
          .map(Consumer::read)
          .sorted(java.util.Comparator.comparingInt(Consumer::order))
          .forEach(c -> CONSUMERS.put(c.directory(), c));
    }
    assertThat(CONSUMERS).as("consumer projects").hasSize(10);
    pool = Executors.newFixedThreadPool(2);
    for (Consumer c : CONSUMERS.values()) {
      RUNS.put(c.directory(), pool.submit(() -> build(c)));
    }
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @Test
  @Order(1)
  void plainClassPath_noLoggingBinding_printsNothingButItsResults() throws Exception {
    Outcome o = passed("classpath-plain");
    assertThat(o.results()).containsEntry("modulePath", "false");
  }

  @Test
  @Order(2)
  void modulePath_clientAndSandbox_withTheReleasedUserAgent() throws Exception {
    Outcome o = passed("module-path");
    assertThat(o.results())
        .containsEntry("modulePath", "true")
        .hasEntrySatisfying(
            "userAgent", ua -> assertThat(ua).startsWith("ecdp-customers-java/" + VERSION + " "));
  }

  @Test
  @Order(3)
  void springBoot35Bom_convergesAndRunsOnJersey31() throws Exception {
    Outcome o = passed("spring-boot-3.5");
    assertThat(o.results().get("jersey")).startsWith("3.1.");
  }

  @Test
  @Order(4)
  void springBoot4Bom_convergesAndRunsOnJersey40() throws Exception {
    Outcome o = passed("spring-boot-4.1");
    assertThat(o.results().get("jersey")).startsWith("4.0.");
  }

  @Test
  @Order(5)
  void jacksonOnTheClassPath_bodiesStayJsonb() throws Exception {
    passed("jackson-on-classpath");
  }

  @Test
  @Order(6)
  void java25() throws Exception {
    Outcome o = passed("java-25");
    assertThat(o.results().get("java")).startsWith("25");
  }

  @Test
  @Order(7)
  void springBootStarter35_jerseyApp_convergesRunsAndExitsOnItsOwn() throws Exception {
    Outcome o = passed("spring-boot-starter-3.5");
    assertThat(o.results()).containsEntry("springBoot", "3.5.16").containsEntry("ownApi", "pong");
    assertThat(o.results().get("jersey")).startsWith("3.1.");
  }

  @Test
  @Order(8)
  void springBootStarter40_jerseyApp_convergesRunsAndExitsOnItsOwn() throws Exception {
    Outcome o = passed("spring-boot-starter-4.0");
    assertThat(o.results()).containsEntry("springBoot", "4.0.8").containsEntry("ownApi", "pong");
    assertThat(o.results().get("jersey")).startsWith("4.0.");
  }

  @Test
  @Order(9)
  void springBootStarter41_webApp_convergesRunsAndExitsOnItsOwn() throws Exception {
    Outcome o = passed("spring-boot-starter-4.1");
    assertThat(o.results()).containsEntry("springBoot", "4.1.1").containsEntry("ownApi", "pong");
    assertThat(o.results().get("jersey")).startsWith("4.0.");
  }

  @Test
  @Order(10)
  void springBootStarter412_jerseyPinnedTo402_convergesRunsAndExitsOnItsOwn() throws Exception {
    Outcome o = passed("spring-boot-starter-4.1-pinned");
    assertThat(o.results())
        .containsEntry("springBoot", "4.1.2")
        .containsEntry("jersey", "4.0.2")
        .containsEntry("ownApi", "pong");
  }

  @Test
  @Order(11)
  void readmeCompatibilityTable_isWhatThisMatrixRan() throws Exception {
    for (String name : CONSUMERS.keySet()) {
      passed(name);
    }
    String table = table();
    Files.writeString(
        WORK.getParent().resolve("consumer-matrix.md"), table, StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of(System.getProperty("ecdp.readme")));
    String begin = "<!-- consumer-matrix:begin -->\n";
    String end = "<!-- consumer-matrix:end -->";
    int from = readme.indexOf(begin);
    int to = readme.indexOf(end);
    assertThat(from).as("README has the consumer-matrix markers").isNotNegative();
    assertThat(readme.substring(from + begin.length(), to))
        .as("README's compatibility table (regenerated in target/consumer-matrix.md)")
        .isEqualTo(table);
  }

  /** The README's table, from what the consumers printed. */
  private static String table() {
    StringBuilder t = new StringBuilder();
    t.append("| consumer | Java | path | Spring Boot BOM | Jersey resolved | result |\n");
    t.append("|---|---|---|---|---|---|\n");
    for (Consumer c : CONSUMERS.values()) {
      Outcome o = DONE.get(c.directory());
      String java = o.results().get("java");
      t.append("| ")
          .append(c.title())
          .append(" | ")
          .append(java.substring(0, java.indexOf('.') < 0 ? java.length() : java.indexOf('.')))
          .append(" | ")
          .append(c.path())
          .append(" | ")
          .append(c.springBoot())
          .append(" | ")
          .append(o.results().get("jersey"))
          .append(" | ")
          .append("upsert and get pass")
          .append(" |\n");
    }
    return t.toString();
  }

  private static Outcome passed(String name) throws Exception {
    Outcome o = RUNS.get(name).get(BUILD_MINUTES + 1, TimeUnit.MINUTES);
    assertThat(o.exit()).as(name + " build; log: " + tail(o.buildLog())).isZero();
    List<String> foreign =
        o.programOutput().stream()
            .filter(l -> !l.startsWith("RESULT "))
            .collect(Collectors.toList());
    assertThat(foreign).as(name + ": lines the program did not print itself").isEmpty();
    assertThat(o.results()).containsEntry("result", "ok").containsEntry("calls", "upsert,get,get");
    DONE.put(name, o);
    return o;
  }

  private static Outcome build(Consumer c) throws Exception {
    Path dir = WORK.resolve(c.directory());
    Path log = WORK.resolve(c.directory() + ".build.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("ecdp.maven.home"), "bin", "mvn").toString());
    command.add("-B");
    command.add("-ntp");
    if (Boolean.parseBoolean(System.getProperty("ecdp.offline"))) {
      command.add("-o");
    }
    // The outer build's local repository, where it installed what the consumers resolve.
    command.add("-Dmaven.repo.local=" + System.getProperty("ecdp.local.repository"));
    command.add("-Decdp.version=" + VERSION);
    command.add("verify");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", javaHome(c.java()).toString());
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    if (!p.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    int exit = p.isAlive() ? -1 : p.exitValue();
    Path run = dir.resolve("target/run.log");
    List<String> output = Files.exists(run) ? Files.readAllLines(run) : List.of();
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : output) {
      if (line.startsWith("RESULT ") && line.indexOf('=') > 0) {
        results.put(
            line.substring("RESULT ".length(), line.indexOf('=')),
            line.substring(line.indexOf('=') + 1));
      }
    }
    return new Outcome(exit, Files.readString(log), output, results);
  }

  /** The JDK for a consumer: this build's own for 17, a JDK 25 found as .ci/run does for 25. */
  static Path javaHome(int feature) throws IOException {
    Path own = Path.of(System.getProperty("java.home"));
    if (feature == Runtime.version().feature()) {
      return own;
    }
    String configured = System.getProperty("ecdp.java" + feature + ".home", "");
    if (!configured.isBlank() && !configured.startsWith("${")) {
      return Path.of(configured);
    }
    try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
      return jvms.filter(j -> isJdk(j, feature))
          .sorted()
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no JDK "
                          + feature
                          + " found: set JAVA"
                          + feature
                          + "_HOME (.ci/run finds one under /usr/lib/jvm)"));
    }
  }

  private static boolean isJdk(Path home, int feature) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/javac"))) {
      return false;
    }
    try {
      return Files.readString(release).contains("JAVA_VERSION=\"" + feature);
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(f);
        if (rel.toString().contains("target")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
