package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code ./ecdp} script, which rebuilds the command line when a source changed.
 */
class EcdpScriptTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern OWN_ARTIFACT =
      Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern OUR_ARTIFACT =
      Pattern.compile(
          "<groupId>io\\.ecdp\\.customers</groupId>\\s*<artifactId>([^<]+)</artifactId>");

  @Test
  void staleCheck_watchesEveryModuleTheCommandLineIsBuiltFrom() throws IOException {
    Map<String, String> directoryOf = new TreeMap<>(); // artifactId -> module directory
    Matcher modules = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
    while (modules.find()) {
      String pom = Files.readString(ROOT.resolve(modules.group(1)).resolve("pom.xml"));
      Matcher own = OWN_ARTIFACT.matcher(pom);
      if (own.find()) {
        directoryOf.put(own.group(1), modules.group(1));
      }
    }
    assertThat(directoryOf).containsEntry("ecdp-customers-cli", "cli");

    Set<String> builtFrom = new TreeSet<>();
    Deque<String> next = new ArrayDeque<>(Set.of("cli"));
    while (!next.isEmpty()) {
      String dir = next.pop();
      if (!builtFrom.add(dir)) {
        continue;
      }
      String pom = Files.readString(ROOT.resolve(dir).resolve("pom.xml"));
      int build = pom.indexOf("<build>"); // the plugins' dependencies are not the module's
      Matcher d = DEPENDENCY.matcher(build < 0 ? pom : pom.substring(0, build));
      while (d.find()) {
        Matcher ours = OUR_ARTIFACT.matcher(d.group(1));
        if (ours.find() && !d.group(1).contains("<scope>test</scope>")) {
          String module = directoryOf.get(ours.group(1));
          assertThat(module).as("the module that builds %s", ours.group(1)).isNotNull();
          next.push(module);
        }
      }
    }
    assertThat(builtFrom).contains("client", "sandbox", "import-engine", "api-spec");

    String script = Files.readString(ROOT.resolve("ecdp"));
    for (String dir : builtFrom) {
      assertThat(script)
          .as("./ecdp rebuilds when %s changes", dir)
          .contains("\"$here/" + dir + "/");
    }
  }
}
