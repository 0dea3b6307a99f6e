package io.ecdp.customers.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds what a live verification found, and writes it for CI: JUnit XML, a Markdown drift report
 * and a JSON summary. Personal data is masked and the API key appears nowhere.
 *
 * @param baseUri the service verified
 * @param outcome whether it conforms, drifted, or could not be verified
 * @param reason why it could not be verified, or null
 * @param interactions each pact interaction's result
 * @param findings every finding, breaking first
 * @param probes what the service answered to each ambiguity
 * @param requests how many requests went to the service, the clean-up's included
 * @param created how many customers the run recorded in its ledger
 * @param leftBehind how many of them are not yet deleted with anonymization
 * @param elapsed how long the run took
 */
public record VerificationReport(
    String baseUri,
    Outcome outcome,
    String reason,
    List<InteractionResult> interactions,
    List<Finding> findings,
    List<Probe> probes,
    int requests,
    int created,
    int leftBehind,
    Duration elapsed) {

  /** The verdict of a run. */
  public enum Outcome {
    /** No breaking finding (warnings may remain). */
    CONFORMS,
    /** At least one breaking finding. */
    BREAKING_DRIFT,
    /** The run could not verify the service: no key, unreachable, budget spent, refused. */
    COULD_NOT_RUN
  }

  /** Returns how many findings have the severity. */
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** Returns how many interactions had the outcome. */
  public long count(InteractionResult.Outcome o) {
    return interactions.stream().filter(i -> i.outcome() == o).count();
  }

  /** Writes {@code junit.xml}, {@code drift-report.md} and {@code summary.json} into the folder. */
  public void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("junit.xml"), junitXml(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("drift-report.md"), markdown(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("summary.json"), json(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the reports cannot be written to " + dir, e);
    }
  }

  /** Returns the JSON summary. */
  public String json() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("baseUri", baseUri);
    summary.put("outcome", outcome.name());
    summary.put("reason", reason);
    summary.put("breaking", count(Severity.BREAKING));
    summary.put("warnings", count(Severity.WARNING));
    summary.put(
        "interactions",
        Map.of(
            "passed", count(InteractionResult.Outcome.PASSED),
            "failed", count(InteractionResult.Outcome.FAILED),
            "skipped", count(InteractionResult.Outcome.SKIPPED)));
    summary.put("requests", requests);
    summary.put("customersCreated", created);
    summary.put("leftBehind", leftBehind);
    summary.put("seconds", elapsed.toMillis() / 1000.0);
    summary.put("findings", findings);
    summary.put("probes", probes);
    summary.put("interactionResults", interactions);
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(summary)
          + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the Markdown drift report. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Contract verification of ").append(baseUri).append("\n\n");
    md.append("**").append(verdict()).append("**");
    if (reason != null) {
      md.append(": ").append(reason);
    }
    md.append("\n\n");
    md.append("| breaking | warnings | interactions passed | failed | skipped | requests |")
        .append(" customers created | left behind | seconds |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| %d | %d | %d | %d | %d | %d | %d | %d | %.1f |%n%n",
            count(Severity.BREAKING),
            count(Severity.WARNING),
            count(InteractionResult.Outcome.PASSED),
            count(InteractionResult.Outcome.FAILED),
            count(InteractionResult.Outcome.SKIPPED),
            requests,
            created,
            leftBehind,
            elapsed.toMillis() / 1000.0));
    md.append("## Findings\n\n");
    if (findings.isEmpty()) {
      md.append("None.\n\n");
    } else {
      md.append("| severity | interaction | rule | spec location | expected | actual |\n");
      md.append("|---|---|---|---|---|---|\n");
      for (Finding f : findings) {
        md.append("| ")
            .append(f.severity())
            .append(" | ")
            .append(cell(f.interaction()))
            .append(" | ")
            .append(cell(f.rule()))
            .append(" | `")
            .append(cell(f.location()))
            .append("` | ")
            .append(cell(f.expected()))
            .append(" | ")
            .append(cell(f.actual()))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("## The decisions, asked of the service\n\n");
    md.append("| decision (docs/decisions.md) | asked | decided | observed | verdict |\n");
    md.append("|---|---|---|---|---|\n");
    for (Probe p : probes) {
      md.append("| ")
          .append(p.decision())
          .append(" | ")
          .append(cell(p.question()))
          .append(" | ")
          .append(cell(p.decided()))
          .append(" | ")
          .append(cell(p.observed()))
          .append(" | ")
          .append(p.verdict())
          .append(" |\n");
    }
    md.append("\n## Pact interactions\n\n| interaction | outcome | detail |\n|---|---|---|\n");
    for (InteractionResult i : interactions) {
      md.append("| ")
          .append(cell(i.description()))
          .append(" | ")
          .append(i.outcome())
          .append(" | ")
          .append(cell(i.detail()))
          .append(" |\n");
    }
    return md.toString();
  }

  private String verdict() {
    return switch (outcome) {
      case CONFORMS -> "The service conforms to the spec and the pact";
      case BREAKING_DRIFT -> "The service drifted from the spec or the pact";
      case COULD_NOT_RUN -> "The service could not be verified";
    };
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  /** Returns the JUnit XML: a test case per interaction and per probe. */
  public String junitXml() {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    long failures =
        count(InteractionResult.Outcome.FAILED)
            + findings.stream()
                .filter(f -> f.severity() == Severity.BREAKING && !f.rule().equals("pact"))
                .count()
            + (outcome == Outcome.COULD_NOT_RUN ? 1 : 0);
    x.append("<testsuite name=\"ecdp contract verify\" tests=\"")
        .append(interactions.size() + probes.size() + 1)
        .append("\" failures=\"")
        .append(failures)
        .append("\" skipped=\"")
        .append(count(InteractionResult.Outcome.SKIPPED))
        .append("\" time=\"")
        .append(elapsed.toMillis() / 1000.0)
        .append("\">\n");
    x.append("  <testcase classname=\"run\" name=\"the service could be verified\">");
    if (outcome == Outcome.COULD_NOT_RUN) {
      x.append("<failure message=\"").append(xml(reason)).append("\"/>");
    }
    x.append("</testcase>\n");
    for (InteractionResult i : interactions) {
      x.append("  <testcase classname=\"pact\" name=\"").append(xml(i.description())).append("\">");
      switch (i.outcome()) {
        case FAILED -> x.append("<failure message=\"").append(xml(i.detail())).append("\"/>");
        case SKIPPED -> x.append("<skipped message=\"").append(xml(i.detail())).append("\"/>");
        default -> {}
      }
      for (Finding f : findings) {
        if (f.interaction().equals(i.description()) && !f.rule().equals("pact")) {
          x.append(f.severity() == Severity.BREAKING ? "<failure" : "<system-out>");
          if (f.severity() == Severity.BREAKING) {
            x.append(" message=\"").append(xml(findingLine(f))).append("\"/>");
          } else {
            x.append(xml("WARNING " + findingLine(f))).append("</system-out>");
          }
        }
      }
      x.append("</testcase>\n");
    }
    for (Probe p : probes) {
      x.append("  <testcase classname=\"probe\" name=\"")
          .append(xml(p.decision() + ": " + p.question()))
          .append("\"><system-out>")
          .append(xml(p.verdict() + ": " + p.observed()))
          .append("</system-out></testcase>\n");
    }
    x.append("</testsuite>\n");
    return x.toString();
  }

  private static String findingLine(Finding f) {
    return f.rule() + " at " + f.location() + ": expected " + f.expected() + ", got " + f.actual();
  }

  private static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                  if (c == '\t' || c == '\n' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) {
                    out.appendCodePoint(c);
                  } else {
                    out.append("\\u").append(String.format(Locale.ROOT, "%04x", c));
                  }
                }
              }
            });
    return out.toString();
  }
}
