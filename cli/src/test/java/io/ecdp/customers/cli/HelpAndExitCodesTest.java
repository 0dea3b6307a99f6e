package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Help a newcomer can read at 80 columns, and exit codes that say what happened. */
class HelpAndExitCodesTest {

  @TempDir Path dir;

  private static List<CommandLine> all(CommandLine cmd) {
    List<CommandLine> out = new ArrayList<>();
    out.add(cmd);
    cmd.getSubcommands().values().forEach(c -> out.addAll(all(c)));
    return out;
  }

  @Test
  void everyHelpScreen_fitsIn80Columns_withoutHandBrokenLines() {
    for (CommandLine c : all(Ecdp.commandLine(new Ecdp(Map.of())))) {
      StringWriter w = new StringWriter();
      c.usage(new PrintWriter(w));
      String name = c.getCommandSpec().qualifiedName();
      for (String line : w.toString().lines().toList()) {
        assertThat(line.length()).as("%s: %s", name, line).isLessThanOrEqualTo(80);
      }
      // Each description element is a paragraph picocli wraps; one that stops mid-sentence was
      // broken by hand and leaves a short line in the middle of the text.
      List<String> texts =
          new ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
      c.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
      for (String t : texts) {
        if (t.isBlank()) {
          continue;
        }
        assertThat(t.strip()).as("%s: %s", name, t).matches("(?s).*[.):]$");
      }
    }
  }

  @Test
  void theHelp_listsEveryExitCode() {
    StringWriter w = new StringWriter();
    Ecdp.commandLine(new Ecdp(Map.of())).usage(new PrintWriter(w));
    for (int code : exitCodes()) {
      assertThat(w.toString()).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
    }
    assertThat(w.toString()).contains("conflict (409)", "does not document");
    assertThat(w.toString()).containsPattern("(?m)^  ECDP_API_KEY .*--sandbox$");
  }

  @Test
  void theReadme_listsEveryExitCode() throws java.io.IOException {
    String readme = Files.readString(Path.of("README.md"), java.nio.charset.StandardCharsets.UTF_8);
    for (int code : exitCodes()) {
      assertThat(readme).containsPattern("(?m)^\\| " + code + " \\| \\S");
    }
  }

  /** Every exit code {@link ExitCode} declares. */
  private static List<Integer> exitCodes() {
    List<Integer> codes = new ArrayList<>();
    for (java.lang.reflect.Field f : ExitCode.class.getDeclaredFields()) {
      if (f.getType() == int.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
        try {
          codes.add(f.getInt(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    assertThat(codes).hasSizeGreaterThan(10);
    return codes;
  }

  @Test
  void defaultPaths_areNotBrokenAcrossLines() {
    StringWriter w = new StringWriter();
    Ecdp.commandLine(new Ecdp(Map.of()))
        .getSubcommands()
        .get("customers")
        .getSubcommands()
        .get("import")
        .usage(new PrintWriter(w));
    assertThat(w.toString())
        .contains(".ecdp/NAME.rejects.ndjson.", ".ecdp/NAME.checkpoint.ndjson.");
  }

  /** Answers every call with {@code status}. */
  @PreMatching
  static final class Answer implements ContainerRequestFilter {
    private final int status;

    Answer(int status) {
      this.status = status;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      request.abortWith(
          Response.status(status)
              .type("application/problem+json")
              .entity("{\"status\":" + status + ",\"title\":\"t\"}")
              .build());
    }
  }

  private int exitOf(int status, String... command) {
    try (CustomersSandbox sandbox =
        CustomersSandbox.builder().register(new Answer(status)).start()) {
      List<String> args = new ArrayList<>(List.of("--base-url", sandbox.uri().toString()));
      args.addAll(List.of(command));
      return Cli.run(Map.of("ECDP_API_KEY", sandbox.apiKey()), args.toArray(String[]::new))
          .exitCode();
    }
  }

  @Test
  void get_conflictAndUndocumentedAnswers_haveCodesOfTheirOwn() {
    assertThat(exitOf(409, "customers", "get", "--id", "1")).isEqualTo(ExitCode.CONFLICT);
    assertThat(exitOf(418, "customers", "get", "--id", "1"))
        .isEqualTo(ExitCode.UNDOCUMENTED_RESPONSE);
    assertThat(exitOf(500, "customers", "get", "--id", "1")).isEqualTo(ExitCode.UNAVAILABLE);
  }

  @Test
  void import_conflictAndUndocumentedAnswers_haveCodesOfTheirOwn() throws Exception {
    Path csv = dir.resolve("c.csv");
    Files.writeString(csv, "email\na@poczta.pl\n");
    for (int[] expected :
        new int[][] {
          {409, ExitCode.CONFLICT},
          {418, ExitCode.UNDOCUMENTED_RESPONSE},
          {500, ExitCode.UNAVAILABLE}
        }) {
      int code =
          exitOf(
              expected[0],
              "customers",
              "import",
              csv.toString(),
              "--mode",
              "AddOrUpdate",
              "--match-by",
              "Email",
              "--progress",
              "none",
              "--restart",
              "--rejects",
              dir.resolve("r.ndjson").toString(),
              "--checkpoint",
              dir.resolve("cp.ndjson").toString());
      assertThat(code).as("answer %d", expected[0]).isEqualTo(expected[1]);
    }
  }
}
