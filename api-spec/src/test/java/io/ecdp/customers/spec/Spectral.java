package io.ecdp.customers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Runs the pinned Spectral CLI (installed by {@code npm ci}) on a spec with our ruleset. */
public final class Spectral {

  private static final String[] SEVERITIES = {"error", "warning", "info", "hint"};

  private Spectral() {}

  /** Lints {@code spec}; every result (error, warning, info or hint) becomes a finding. */
  public static List<Finding> lint(Path spec) {
    Path cli = Path.of(property("ecdp.spectral.cli"));
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          cli + " is missing: run `npm ci` in api-spec/ (the build does)");
    }
    try {
      Path report = Files.createTempFile("spectral", ".json");
      Process process =
          new ProcessBuilder(
                  property("ecdp.node"),
                  cli.toString(),
                  "lint",
                  spec.toString(),
                  "--ruleset",
                  property("ecdp.spectral.ruleset"),
                  "--format",
                  "json",
                  "--output",
                  report.toString(),
                  "--fail-severity",
                  "hint",
                  "--quiet")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("spectral did not finish in 120 s");
      }
      String json = Files.readString(report, StandardCharsets.UTF_8);
      Files.deleteIfExists(report);
      if (json.isBlank()) {
        throw new IllegalStateException(
            "spectral wrote no report (exit " + process.exitValue() + ")");
      }
      List<Finding> findings = new ArrayList<>();
      for (JsonNode r : new ObjectMapper().readTree(json)) {
        List<String> path = new ArrayList<>();
        r.path("path").forEach(p -> path.add(SpecDocument.token(p.asText())));
        findings.add(
            new Finding(
                "spectral "
                    + SEVERITIES[r.path("severity").asInt()]
                    + " "
                    + r.path("code").asText(),
                "#/"
                    + String.join("/", path)
                    + " (line "
                    + (r.at("/range/start/line").asInt() + 1)
                    + ")",
                r.path("message").asText()));
      }
      return findings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String property(String name) {
    return Objects.requireNonNull(System.getProperty(name), "system property " + name);
  }
}
