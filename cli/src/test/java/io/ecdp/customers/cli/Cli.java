package io.ecdp.customers.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code ecdp} in-process with a given environment and standard input; captures its output.
 */
final class Cli {

  record Result(int exitCode, String out, String err) {}

  private Cli() {}

  static Result runWithInput(Map<String, String> env, String stdin, String... args) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cmd =
        Ecdp.commandLine(
            new Ecdp(env),
            new CommandLine.IFactory() {
              @Override
              @SuppressWarnings("unchecked")
              public <K> K create(Class<K> type) throws Exception {
                return type == UpsertCommand.class
                    ? (K) new UpsertCommand(in)
                    : defaults.create(type);
              }
            });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result run(Map<String, String> env, String... args) {
    return runWithInput(env, "", args);
  }
}
