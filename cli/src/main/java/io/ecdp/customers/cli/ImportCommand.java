package io.ecdp.customers.cli;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
      description = {"Where refused rows go.", "Default: .ecdp/NAME.rejects.ndjson."})
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
      description = "Continue an interrupted import: skip the batches it recorded.")
  boolean resume;

  @Option(names = "--restart", description = "Forget an interrupted import and start again.")
  boolean restart;

  @Option(
      names = "--progress",
      paramLabel = "HOW",
      description = "auto, bar, lines or none (default: ${DEFAULT-VALUE}).")
  Progress.Mode progress = Progress.Mode.AUTO;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || concurrency < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--batch-size and --concurrency must be at least 1");
    }
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
    }
    String name = file.getFileName().toString();
    Path rejectsFile = rejects != null ? rejects : Path.of(".ecdp", name + ".rejects.ndjson");
    Path checkpointFile =
        checkpoint != null ? checkpoint : Path.of(".ecdp", name + ".checkpoint.ndjson");
    if (restart) {
      Files.deleteIfExists(checkpointFile);
    } else if (!resume && Files.exists(checkpointFile)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
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
    Output out = parent.root.output();
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
    long size = Files.size(file);
    try (Jsonb jsonb = JsonbBuilder.create();
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        RowSource source =
            kind.equals("ndjson")
                ? new NdjsonSource(in, jsonb)
                : new CsvSource(file.toString(), in);
        Session session = parent.root.session(true)) {
      Importer importer = new Importer(session.client().customers(), settings);
      Importer.Summary summary;
      try (Progress shown =
          new Progress(progress, out.err(), size, source::bytesRead, importer.counters())) {
        summary = importer.run(source);
      }
      out.summary(summary);
      if (summary.authRefused()) {
        return ExitCode.AUTH;
      }
      if (summary.failed() > 0) {
        return summary.failureExitCode();
      }
      return summary.rejected() > 0 ? ExitCode.INPUT_REJECTED : ExitCode.OK;
    }
  }
}
