package io.ecdp.customers.cli;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ecdp customers import}: a large CSV or NDJSON file, streamed in batches. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports customers from a CSV or NDJSON file in batches, in constant memory.",
      "CSV columns: email, phone, crmId, visitorId, firstName, lastName, dateOfBirth, gender,"
          + " attr:NAME (a custom attribute) and consent:ID (a consent: False,"
          + " AwaitingConfirmation or True). NDJSON lines hold the customer record's fields as"
          + " the API names them.",
      "Every refused row is written, with its file, line, field and the reason, to the rejects"
          + " file (readable by its owner only). When the API refuses a batch without naming"
          + " the records at fault, the batch is sent again in halves until each refused record"
          + " is found; every other record is stored.",
      "Concurrency adapts: it falls when the API answers 429 or 503 and rises while calls"
          + " succeed, never above --concurrency.",
      "The summary counts rows and calls, then the requests sent, the retries (requests sent"
          + " again, by the client or by the import after a 429), the 429 share (429 answers of"
          + " all answered requests, not of calls) and the latency of calls, p50 and p99 (a"
          + " call's time includes the client's own retries).",
      "An interrupted import continues with --resume, without re-sending what was stored."
    })
final class ImportCommand implements Callable<Integer> {

  @ParentCommand CustomersCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .csv or .ndjson file.")
  Path file;

  @Mixin BatchOptions batch;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Records per request (default: ${DEFAULT-VALUE}).")
  int batchSize = 500;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "The most requests in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency = 4;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv or ndjson (default: from the file name).")
  String format;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = {
        "Where refused rows go (made at the first one).",
        "Default: .ecdp/NAME.rejects.ndjson."
      })
  Path rejects;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description = {
        "Where finished batches are recorded.",
        "Default: .ecdp/NAME.checkpoint.ndjson."
      })
  Path checkpoint;

  @Option(
      names = "--resume",
      description =
          "Continue an interrupted import: skip the batches it recorded, and reconcile the ones"
              + " it sent without recording.")
  boolean resume;

  @Option(names = "--restart", description = "Forget an interrupted import and start again.")
  boolean restart;

  @Option(
      names = "--progress",
      paramLabel = "HOW",
      description = {
        "auto, bar, lines, json or none (default: auto). json: a JSON object a line on"
            + " standard error every 5 s and at the end: elapsedMs, rowsRead, sent, accepted,"
            + " rejected, failed, skipped, calls, requests, rateLimited (429 answers), retries,"
            + " concurrency, pace (calls/s, null until a 429)."
      })
  Progress.Mode progress = Progress.Mode.AUTO;

  @Override
  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception; Yasson's does not block
  public Integer call() throws Exception {
    CommandLine cmd = spec.commandLine();
    // Ctrl-C from here on stops the import, also one not started yet.
    java.util.concurrent.atomic.AtomicReference<Importer> running =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean interrupted =
        new java.util.concurrent.atomic.AtomicBoolean();
    Interruption.onInterrupt(
        () -> {
          interrupted.set(true);
          Importer i = running.get();
          if (i != null) {
            i.stop();
          }
        });
    if (batchSize < 1 || concurrency < 1) {
      throw new CommandLine.ParameterException(
          cmd, "--batch-size and --concurrency must be at least 1");
    }
    if (resume && restart) {
      throw new CommandLine.ParameterException(cmd, "--resume and --restart exclude each other");
    }
    if (!Files.exists(file)) {
      throw new CommandLine.ParameterException(cmd, "no such file: " + file);
    }
    if (!Files.isRegularFile(file)) {
      // It exists: say what it is, as an input file that cannot be used.
      throw new InputFileException(
          file.toString(),
          0,
          null,
          (Files.isDirectory(file) ? "is a directory" : "is not a regular file (a pipe or device)")
              + ", not a CSV or NDJSON file to import");
    }
    String name = file.getFileName().toString();
    Path rejectsFile = rejects != null ? rejects : Path.of(".ecdp", name + ".rejects.ndjson");
    Path checkpointFile =
        checkpoint != null ? checkpoint : Path.of(".ecdp", name + ".checkpoint.ndjson");
    Output out = parent.root.output();
    Checkpoint.Previous previous = Checkpoint.read(checkpointFile);
    boolean started = Files.exists(checkpointFile);
    if (restart) {
      Files.deleteIfExists(checkpointFile);
    } else if (resume) {
      if (!started) {
        throw new CommandLine.ParameterException(
            cmd,
            "nothing to resume: no import of "
                + file
                + " was interrupted (no checkpoint "
                + checkpointFile
                + "); run it without --resume");
      }
      if (previous.complete != null) {
        out.message(
            String.format(
                java.util.Locale.ROOT,
                "Nothing to resume: the import of %s finished at %s (%s read, %,d"
                    + " accepted, %,d rejected). Nothing was sent. Run it without --resume to"
                    + " import the file again.",
                file,
                previous.complete.getString("at", "?"),
                Output.count(previous.complete.getJsonNumber("read").longValue(), "row", "rows"),
                previous.complete.getJsonNumber("accepted").longValue(),
                previous.complete.getJsonNumber("rejected").longValue()),
            JsonP.PROVIDER
                .createObjectBuilder()
                .add("nothingToResume", true)
                .add("file", file.toString())
                .add("complete", previous.complete));
        return ExitCode.OK;
      }
      batchSize = resumedBatchSize(previous, out);
      checkSameImport(previous);
    } else if (started && previous.complete == null) {
      throw new CommandLine.ParameterException(
          cmd,
          "an earlier import of "
              + file
              + " was interrupted ("
              + checkpointFile
              + "): add --resume to continue it, or --restart");
    }
    String kind =
        format != null
            ? format.toLowerCase(Locale.ROOT)
            : name.toLowerCase(Locale.ROOT).endsWith(".ndjson")
                    || name.toLowerCase(Locale.ROOT).endsWith(".jsonl")
                ? "ndjson"
                : "csv";
    Importer.Settings settings =
        new Importer.Settings(
            file.toString(),
            batch.mode,
            batch.matchBy,
            batchSize,
            concurrency,
            rejectsFile,
            checkpointFile,
            resume);
    WatchedInput watched = WatchedInput.open(file);
    try (Jsonb jsonb = JsonbBuilder.create();
        InputStream in = new BufferedInputStream(watched, 1 << 16);
        RowSource source =
            kind.equals("ndjson")
                ? new NdjsonSource(in, jsonb)
                : new CsvSource(file.toString(), in);
        Session session = parent.root.session(true)) {
      Importer importer =
          new Importer(session.client().customers(), settings)
              .redaction(session.redactor()::redact)
              .retries(session.retries())
              .callStats(session.callStats());
      if (resume) {
        importer.resumingFrom(previous); // read once, above
      }
      Importer.StateProbe state = session.state();
      if (state != null) {
        if (resume) {
          checkStateNotBehind(previous, state);
        }
        importer.state(state);
      }
      running.set(importer);
      if (interrupted.get()) {
        importer.stop(); // before it started: it records nothing and says how to resume
      }
      Importer.Summary summary;
      Progress shown =
          new Progress(progress, out.err(), watched.size(), source::bytesRead, importer.counters());
      try (shown) {
        summary = importer.run(source);
      }
      out.summary(summary, summary.interrupted() ? resumeCommand() : null);
      if (summary.interrupted()) {
        return ExitCode.INTERRUPTED;
      }
      if (summary.authRefused()) {
        return ExitCode.AUTH;
      }
      if (summary.failed() > 0) {
        return summary.failureExitCode();
      }
      if (summary.inputFailure() != null) {
        return ExitCode.INPUT_REJECTED;
      }
      return summary.rejected() > 0 ? ExitCode.INPUT_REJECTED : ExitCode.OK;
    }
  }

  /**
   * The batch size the interrupted import recorded: batches are numbered by it, so a resume uses it
   * whatever {@code --batch-size} says (and says so when they differ).
   */
  private int resumedBatchSize(Checkpoint.Previous previous, Output out) {
    if (previous.batchSize < 1 || previous.batchSize == batchSize) {
      return batchSize;
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--batch-size")) {
      out.err()
          .printf(
              Locale.ROOT,
              "ecdp: resuming with --batch-size %d, as the interrupted import recorded (not"
                  + " %d)%n",
              previous.batchSize,
              batchSize);
      out.err().flush();
    }
    return previous.batchSize;
  }

  /** Refuses to resume an import of another file, or with another mode or match key. */
  private void checkSameImport(Checkpoint.Previous previous) throws java.io.IOException {
    Checkpoint.Header h = previous.header;
    if (h == null) {
      return; // a checkpoint written before headers existed
    }
    CommandLine cmd = spec.commandLine();
    if (!h.mode().equals(batch.mode.value()) || !h.matchBy().equals(batch.matchBy.value())) {
      throw new CommandLine.ParameterException(
          cmd,
          "the interrupted import used --mode "
              + h.mode()
              + " --match-by "
              + h.matchBy()
              + "; resume it with them, or --restart");
    }
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    if (size != h.size() || modified != h.modified()) {
      throw new InputFileException(
          file.toString(),
          0,
          null,
          String.format(
              Locale.ROOT,
              "the file changed since the interrupted import (%,d bytes modified at %s then; %,d"
                  + " bytes modified at %s now): resuming would skip the wrong rows; restore"
                  + " it, or import it anew with --restart",
              h.size(),
              java.time.Instant.ofEpochMilli(h.modified()),
              size,
              java.time.Instant.ofEpochMilli(modified)));
    }
  }

  /**
   * Refuses to resume into a sandbox state that does not hold what the checkpoint says was stored:
   * another state (deleted, or replaced), or an older copy of it.
   */
  private static void checkStateNotBehind(Checkpoint.Previous previous, Importer.StateProbe state) {
    Checkpoint.Header h = previous.header;
    if (h == null || h.stateId() == null) {
      return;
    }
    if (!h.stateId().equals(state.id())) {
      throw new StateBehindException(
          "the interrupted import stored its batches in another sandbox state than the one"
              + " there now (it was deleted or replaced): resuming would skip rows that are not"
              + " stored; import anew with --restart");
    }
    if (state.sequence() < previous.stateSequence) {
      throw new StateBehindException(
          String.format(
              Locale.ROOT,
              "the sandbox state is older than the interrupted import's checkpoint (it holds %,d"
                  + " changes; the checkpoint saw %,d): resuming would skip rows that are not"
                  + " stored; import anew with --restart",
              state.sequence(),
              previous.stateSequence));
    }
  }

  /** The command line that resumes this import, as a user would type it. */
  private String resumeCommand() {
    List<String> words = new ArrayList<>();
    words.add("ecdp");
    boolean resumeGiven = false;
    for (String arg : parent.root.arguments()) {
      if (arg.equals("--restart")) {
        continue;
      }
      resumeGiven |= arg.equals("--resume");
      words.add(Shell.quote(arg));
    }
    if (!resumeGiven) {
      words.add("--resume");
    }
    return String.join(" ", words);
  }
}
