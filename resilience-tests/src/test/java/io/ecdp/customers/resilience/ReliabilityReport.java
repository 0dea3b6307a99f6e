package io.ecdp.customers.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;

/** Writes RELIABILITY.md from the figures the resilience tests left in target/reliability. */
public final class ReliabilityReport {

  private ReliabilityReport() {}

  /** Arguments: the folders holding figures, then the report to write. */
  public static void main(String[] args) throws IOException {
    java.util.List<Path> dir = new java.util.ArrayList<>();
    for (int i = 0; i < args.length - 1; i++) {
      dir.add(Path.of(args[i]));
    }
    Properties faults = read(dir, "faults");
    Properties leaks = read(dir, "leaks");
    Properties load = read(dir, "load");
    Properties props = read(dir, "properties");
    Properties secrets = read(dir, "secrets");
    Properties cli = read(dir, "cli-input");
    Properties hostile = read(dir, "hostile-cli");
    Properties hostileSandbox = read(dir, "hostile-sandbox");
    String md =
        "# Reliability\n\n"
            + "What the resilience tests (`resilience-tests/`, `./mvnw verify`) put the client and the `ecdp`\n"
            + "command through, and what they found. Written by the build on "
            + LocalDate.now(ZoneOffset.UTC)
            + " ("
            + System.getProperty("os.name")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + ").\n\n"
            + "| tier | figure | value |\n|---|---|---|\n"
            + row(
                "faults",
                "fault kinds (connection refused; resets; empty, random, chunked, truncated, trickling, 50 MB bodies; HTML 502; 429 with Retry-After in seconds, as a date, as garbage; 503; 500)",
                faults,
                "faults")
            + row("faults", "operations under each fault", faults, "operations")
            + row(
                "faults",
                "fault cases survived (typed exception or success, within the deadline, retries counted on the server)",
                faults,
                "cases")
            + row("leaks", "faulty calls through one client", leaks, "faultyCalls")
            + row(
                "leaks",
                "file descriptors open after the calls, the client still open (its pool of 8 included)",
                leaks,
                "fileDescriptorsWhileOpen")
            + row(
                "leaks",
                "file descriptors leaked once the client was closed",
                leaks,
                "fileDescriptorsLeaked")
            + row("leaks", "threads leaked", leaks, "threadsLeaked")
            + row("load", "threads sharing one client", load, "threads")
            + row("load", "calls under load", load, "calls")
            + row("load", "unexpected errors or stale reads", load, "unexpectedErrors")
            + row(
                "load",
                "customers at the end, equal to what callers were told",
                load,
                "customersAtEnd")
            + row(
                "bad input",
                "arbitrary inputs tried (round trips, path values, validation)",
                props,
                "inputsTried")
            + row(
                "bad input",
                "broken CSV/NDJSON rows rejected with file, line and reason",
                cli,
                "rejectedRows")
            + row(
                "secrets",
                "calls checked with every logger at its most verbose (logback at TRACE, java.util.logging at ALL; HttpClient's request lines excepted, see the client README)",
                secrets,
                "callsChecked")
            + row(
                "secrets",
                "log lines, messages and toString values scanned",
                secrets,
                "linesScanned")
            + row("secrets", "keys or unredacted e-mails/phones found", secrets, "leaksFound")
            + row(
                "hostile input",
                "`ecdp` commands (get, delete, upsert, import; text and JSON) against a server"
                    + " echoing the key and the request in its errors: none printed or wrote the"
                    + " key, an e-mail or a phone",
                hostile,
                "echoedKeyAndPersonalData.commandsChecked")
            + row(
                "hostile input",
                "stored ESC, OSC, BEL, C1 and bidi characters shown escaped by `get`, exact in JSON",
                hostile,
                "terminalEscapes.escapedInText")
            + row(
                "hostile input",
                "NDJSON with a duplicate key, a boolean for a string, a lone surrogate: refused,"
                    + " none stored",
                hostile,
                "ndjson.duplicateKeyBooleanLoneSurrogate.refused")
            + row(
                "hostile input",
                "CR LF inside a quoted CSV field stored verbatim",
                hostile,
                "csv.crlfInQuotes.keptVerbatim")
            + row(
                "hostile input",
                "a folder or a pipe given as input named as such (exit 4)",
                hostile,
                "input.folderOrPipe.named")
            + row(
                "hostile input",
                "`.ecdp/` 0700 and its files 0600; an existing rejects file narrowed to 0600",
                hostile,
                "files.ownerOnly")
            + row(
                "hostile input",
                "`sandbox serve`: Content-Length with Transfer-Encoding, or an unknown coding,"
                    + " refused with 400 and the connection closed (a smuggled DELETE never ran)",
                hostile,
                "sandboxServe.smugglingRefused")
            + row(
                "hostile input",
                "`sandbox serve`: a 10 GiB Content-Length answered 413 at once; a 100 KB URL a"
                    + " problem document",
                hostile,
                "sandboxServe.hugeBody413")
            + row(
                "hostile input",
                "`sandbox serve`: bytes of the 400 for 1,000,000 `{}` records (a 3 MB body)",
                hostile,
                "sandboxServe.errorBodyBytesFor1000000EmptyRecords")
            + row(
                "hostile input",
                "`sandbox serve`: calls answered while eight bodies trickle (more than its workers)",
                hostile,
                "sandboxServe.slowBodiesOthersServed")
            + row(
                "hostile input",
                "sandbox: API keys compared in constant time",
                hostileSandbox,
                "keyCompare.constantTime")
            + row(
                "hostile input",
                "sandbox: its own errors (bad requests, stopping) are problem documents",
                hostileSandbox,
                "ownErrors.problemJson")
            + row(
                "hostile input",
                "`sandbox serve`: key from `ECDP_SANDBOX_API_KEY`, not in the process list",
                hostile,
                "sandboxKey.fromEnvironment.notInProcessList")
            + "\nA figure of `n/a` means its tier did not run in this build.\n";
    Files.writeString(Path.of(args[args.length - 1]), md);
    System.out.println("reliability report: " + args[args.length - 1]);
  }

  private static String row(String tier, String what, Properties p, String key) {
    return "| " + tier + " | " + what + " | " + p.getProperty(key, "n/a") + " |\n";
  }

  private static Properties read(java.util.List<Path> dirs, String name) throws IOException {
    Properties p = new Properties();
    for (Path dir : dirs) {
      Path file = dir.resolve(name + ".properties");
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
      }
    }
    return p;
  }
}
