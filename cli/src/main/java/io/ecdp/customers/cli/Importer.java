package io.ecdp.customers.cli;

import io.ecdp.customers.Customers;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ForbiddenException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams an input file into the API in batches: constant memory (one batch per worker in flight),
 * a bounded number of concurrent requests, every refused record written with its reason to the
 * rejects file, and a checkpoint line per finished batch so that an interrupted import can resume
 * without re-sending the batches that succeeded.
 */
final class Importer {

  private static final Pattern RECORD_ERROR =
      Pattern.compile("^data\\[(\\d+)]\\.?([^:]*):\\s*(.*)$");
  private static final int MAX_ROUNDS = 5;

  /** What to import, and how. */
  record Settings(
      String file,
      UpsertMode mode,
      MatchBy matchBy,
      int batchSize,
      int concurrency,
      Path rejects,
      Path checkpoint,
      boolean resume) {}

  /** What an import did. */
  record Summary(
      String file,
      long read,
      long sent,
      long accepted,
      long rejected,
      long failed,
      long skipped,
      Duration elapsed,
      boolean authRefused,
      String firstFailure,
      Path rejectsFile) {}

  private final Customers customers;
  private final Settings settings;
  private final Progress.Counters counters = new Progress.Counters();
  private final java.util.concurrent.atomic.AtomicLong sent =
      new java.util.concurrent.atomic.AtomicLong();
  private final AtomicBoolean authRefused = new AtomicBoolean();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  Importer(Customers customers, Settings settings) {
    this.customers = customers;
    this.settings = settings;
  }

  Progress.Counters counters() {
    return counters;
  }

  Summary run(RowSource source) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Set<Long> done = settings.resume() ? readCheckpoint() : new HashSet<>();
    Files.createDirectories(settings.rejects().toAbsolutePath().getParent());
    Files.createDirectories(settings.checkpoint().toAbsolutePath().getParent());
    StandardOpenOption mode =
        settings.resume() ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    if (!settings.resume()) {
      Files.deleteIfExists(settings.checkpoint());
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "ecdp-import");
              t.setDaemon(true);
              return t;
            });
    Semaphore inFlight = new Semaphore(settings.concurrency());
    try (BufferedWriter rejects =
            Files.newBufferedWriter(
                settings.rejects(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                mode,
                StandardOpenOption.WRITE);
        BufferedWriter checkpoint =
            Files.newBufferedWriter(
                settings.checkpoint(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      long batch = 0;
      List<Row> rows = new ArrayList<>(settings.batchSize());
      Row row;
      while (!authRefused.get() && (row = source.next()) != null) {
        counters.read.incrementAndGet();
        rows.add(row);
        if (rows.size() == settings.batchSize()) {
          submit(batch++, rows, done, pool, inFlight, rejects, checkpoint);
          rows = new ArrayList<>(settings.batchSize());
        }
      }
      if (!rows.isEmpty() && !authRefused.get()) {
        submit(batch, rows, done, pool, inFlight, rejects, checkpoint);
      }
      inFlight.acquire(settings.concurrency()); // every batch finished
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    boolean complete = counters.failed.get() == 0 && !authRefused.get();
    if (complete) {
      Files.deleteIfExists(settings.checkpoint()); // nothing left to resume
    }
    return new Summary(
        settings.file(),
        counters.read.get(),
        sent.get(),
        counters.accepted.get(),
        counters.rejected.get(),
        counters.failed.get(),
        counters.skipped.get(),
        Duration.ofNanos(System.nanoTime() - start),
        authRefused.get(),
        firstFailure.get(),
        settings.rejects());
  }

  private void submit(
      long index,
      List<Row> rows,
      Set<Long> done,
      ExecutorService pool,
      Semaphore inFlight,
      BufferedWriter rejects,
      BufferedWriter checkpoint)
      throws InterruptedException {
    if (done.contains(index)) {
      counters.skipped.addAndGet(rows.size());
      return;
    }
    inFlight.acquire();
    pool.execute(
        () -> {
          try {
            send(index, rows, rejects, checkpoint);
          } finally {
            inFlight.release();
          }
        });
  }

  /** One batch: send what parsed, peel off refused records, resend the rest; then record it. */
  private void send(long index, List<Row> rows, BufferedWriter rejects, BufferedWriter checkpoint) {
    List<String> rejectLines = new ArrayList<>();
    List<Row> candidates = new ArrayList<>();
    for (Row r : rows) {
      if (r.refused()) {
        rejectLines.add(rejectLine(r, r.field(), r.reason()));
      } else {
        candidates.add(r);
      }
    }
    long accepted = 0;
    for (int round = 0;
        round < MAX_ROUNDS && !candidates.isEmpty() && !authRefused.get();
        round++) {
      List<CustomerRecord> records = candidates.stream().map(Row::record).toList();
      try {
        if (round == 0) {
          sent.addAndGet(records.size());
        }
        customers.upsert(settings.mode(), settings.matchBy(), records);
        accepted += records.size();
        candidates = List.of();
      } catch (ValidationException e) {
        candidates = peel(candidates, refusals(e.violations()), rejectLines, e.getMessage());
      } catch (BadRequestException e) {
        List<String[]> refused = new ArrayList<>();
        for (String error : e.problem().map(p -> p.errors()).orElse(List.of())) {
          Matcher m = RECORD_ERROR.matcher(error);
          if (m.matches()) {
            refused.add(new String[] {m.group(1), m.group(2), m.group(3)});
          }
        }
        candidates = peel(candidates, refused, rejectLines, e.getMessage());
      } catch (UnauthorizedException | ForbiddenException e) {
        authRefused.set(true);
        firstFailure.compareAndSet(null, e.getMessage());
        counters.failed.addAndGet(candidates.size());
        return;
      } catch (EcdpException e) {
        // Not refused, not sent for sure: the batch stays unrecorded, so --resume sends it again.
        firstFailure.compareAndSet(null, e.getMessage());
        counters.failed.addAndGet(candidates.size());
        return;
      }
    }
    for (Row left : candidates) {
      rejectLines.add(
          rejectLine(
              left, null, "refused by the API (the batch was refused " + MAX_ROUNDS + " times)"));
    }
    counters.accepted.addAndGet(accepted);
    counters.rejected.addAndGet(rejectLines.size());
    record(index, rows, accepted, rejectLines, rejects, checkpoint);
  }

  private static List<String[]> refusals(List<Violation> violations) {
    List<String[]> out = new ArrayList<>();
    for (Violation v : violations) {
      out.add(new String[] {String.valueOf(v.recordIndex()), v.field(), v.rule()});
    }
    return out;
  }

  /** Moves the refused records to the rejects; returns the rest, or nothing if none was named. */
  private List<Row> peel(
      List<Row> candidates, List<String[]> refused, List<String> rejectLines, String message) {
    Set<Integer> out = new HashSet<>();
    for (String[] r : refused) {
      int i = Integer.parseInt(r[0]);
      if (i >= 0 && i < candidates.size() && out.add(i)) {
        rejectLines.add(rejectLine(candidates.get(i), r[1].isEmpty() ? null : r[1], r[2]));
      }
    }
    if (out.isEmpty()) {
      // The refusal names no record: every record of the batch carries the API's reason.
      for (Row r : candidates) {
        rejectLines.add(rejectLine(r, null, message));
      }
      return List.of();
    }
    List<Row> rest = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (!out.contains(i)) {
        rest.add(candidates.get(i));
      }
    }
    return rest;
  }

  private String rejectLine(Row row, String field, String reason) {
    JsonObjectBuilder b =
        Json.createObjectBuilder().add("file", settings.file()).add("line", row.line());
    if (field != null) {
      b.add("field", field);
    }
    b.add("reason", reason == null ? "refused" : reason);
    if (row.raw() != null) {
      b.add("input", row.raw());
    }
    return b.build().toString();
  }

  private void record(
      long index,
      List<Row> rows,
      long accepted,
      List<String> rejectLines,
      BufferedWriter rejects,
      BufferedWriter checkpoint) {
    try {
      synchronized (rejects) {
        for (String line : rejectLines) {
          rejects.write(line);
          rejects.newLine();
        }
        rejects.flush();
      }
      synchronized (checkpoint) {
        checkpoint.write(
            Json.createObjectBuilder()
                .add("batch", index)
                .add("batchSize", settings.batchSize())
                .add("firstLine", rows.get(0).line())
                .add("lastLine", rows.get(rows.size() - 1).line())
                .add("accepted", accepted)
                .add("rejected", rejectLines.size())
                .build()
                .toString());
        checkpoint.newLine();
        checkpoint.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Set<Long> readCheckpoint() throws IOException {
    Set<Long> done = new HashSet<>();
    if (!Files.exists(settings.checkpoint())) {
      return done;
    }
    for (String line : Files.readAllLines(settings.checkpoint(), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try (jakarta.json.JsonReader r = Json.createReader(new java.io.StringReader(line))) {
        jakarta.json.JsonObject o = r.readObject();
        if (o.getInt("batchSize") != settings.batchSize()) {
          throw new InputFileException(
              settings.checkpoint().toString(),
              1,
              "batchSize",
              "the interrupted import used --batch-size "
                  + o.getInt("batchSize")
                  + "; resume with it");
        }
        done.add(o.getJsonNumber("batch").longValue());
      } catch (InputFileException e) {
        throw e;
      } catch (RuntimeException e) {
        // a line cut short by the interruption: that batch is sent again
      }
    }
    return done;
  }
}
