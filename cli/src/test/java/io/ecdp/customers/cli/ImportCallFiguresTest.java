package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.SampleCsv;
import jakarta.annotation.Priority;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's call figures ({@code --progress json}, and the summary's requests, retries, 429
 * share and latency) against a sandbox that answers a share of calls 429: each equals what the
 * server counted.
 */
class ImportCallFiguresTest {

  /** The members of a {@code --progress json} line, in their order. */
  static final List<String> PROGRESS_MEMBERS =
      List.of(
          "elapsedMs",
          "rowsRead",
          "sent",
          "accepted",
          "rejected",
          "failed",
          "skipped",
          "calls",
          "requests",
          "rateLimited",
          "retries",
          "concurrency",
          "pace");

  /** The counts of a progress line, each of which only grows. */
  static final List<String> COUNTS = PROGRESS_MEMBERS.subList(0, 11);

  private static final int ROWS = 100;
  private static final int BATCH = 5;
  private static final int PARTS = ROWS / BATCH; // every row is valid: no batch is split

  @TempDir Path dir;

  private record Run(Cli.Result result, CountAnswers server) {}

  /** Imports 100 rows in 20 calls into a sandbox answering 30% of calls 429 (Retry-After: 0). */
  private Run importWith429s(String output) throws Exception {
    Path csv = dir.resolve("rows.csv");
    SampleCsv.write(csv, ROWS);
    CountAnswers server = new CountAnswers();
    try (CustomersSandbox sandbox =
        CustomersSandbox.builder()
            .faults(Faults.NONE.withRateLimited(0.3, Duration.ZERO).withSeed(3))
            .register(server)
            .start()) {
      Cli.Result r =
          Cli.run(
              Map.of("ECDP_API_KEY", sandbox.apiKey()),
              "--base-url",
              sandbox.uri().toString(),
              "--output",
              output,
              "customers",
              "import",
              csv.toString(),
              "--mode",
              "AddOrUpdate",
              "--match-by",
              "Email",
              "--batch-size",
              String.valueOf(BATCH),
              "--concurrency",
              "2",
              "--progress",
              "json",
              "--rejects",
              dir.resolve("rejects.ndjson").toString(),
              "--checkpoint",
              dir.resolve(output + ".checkpoint.ndjson").toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
      assertThat(sandbox.store().size()).isEqualTo(ROWS);
      assertThat(server.rateLimited.get()).as("the sandbox answered some 429s").isPositive();
      assertThat(server.posts.get()).isEqualTo(PARTS + server.rateLimited.get());
      return new Run(r, server);
    }
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = JsonP.PROVIDER.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  @Test
  void jsonSummary_requestsRetriesAnd429s_areWhatTheServerCounted() throws Exception {
    Run run = importWith429s("json");
    int posts = run.server.posts.get();
    int rateLimited = run.server.rateLimited.get();
    JsonObject s = parse(run.result.out().strip());
    assertThat(s.getInt("accepted")).isEqualTo(ROWS);
    assertThat(s.getInt("calls")).as("the import's calls").isEqualTo(posts);
    assertThat(s.getInt("requests")).as("requests sent").isEqualTo(posts);
    assertThat(s.getInt("answered")).isEqualTo(posts);
    assertThat(s.getInt("rateLimited")).as("429s").isEqualTo(rateLimited);
    assertThat(s.getInt("callsThrottled")).isEqualTo(rateLimited);
    assertThat(s.getInt("retries")).as("each 429's part sent again").isEqualTo(posts - PARTS);
    assertThat(s.getJsonNumber("rateLimitedShare").doubleValue())
        .isEqualTo(Math.round(10_000.0 * rateLimited / posts) / 10_000.0);
    double p50 = s.getJsonNumber("latencyP50Ms").doubleValue();
    double p99 = s.getJsonNumber("latencyP99Ms").doubleValue();
    assertThat(p50).isNotNegative().isLessThanOrEqualTo(p99);
    // The members the summary had before are all still there.
    assertThat(s.keySet())
        .contains(
            "file",
            "read",
            "sent",
            "accepted",
            "rejected",
            "failed",
            "skippedAlreadyImported",
            "reconciled",
            "complete",
            "rejectsByReason",
            "calls",
            "callsThrottled",
            "mostInFlight",
            "seconds",
            "recordsPerSecond",
            "rejectsFile");

    // Progress went to standard error, a JSON object a line; the last one has the final counts.
    List<JsonObject> lines = new ArrayList<>();
    for (String line : run.result.err().lines().toList()) {
      lines.add(parse(line));
    }
    assertThat(lines).isNotEmpty();
    assertProgressLines(lines);
    JsonObject last = lines.get(lines.size() - 1);
    assertThat(last.getInt("rowsRead")).isEqualTo(ROWS);
    assertThat(last.getInt("sent")).isEqualTo(ROWS);
    assertThat(last.getInt("accepted")).isEqualTo(ROWS);
    assertThat(last.getInt("rejected") + last.getInt("failed") + last.getInt("skipped")).isZero();
    assertThat(last.getInt("calls")).isEqualTo(posts);
    assertThat(last.getInt("requests")).isEqualTo(posts);
    assertThat(last.getInt("rateLimited")).isEqualTo(rateLimited);
    assertThat(last.getInt("retries")).isEqualTo(posts - PARTS);
    assertThat(last.getInt("concurrency")).isBetween(1, 2);
    assertThat(last.get("pace").getValueType())
        .as("a pace was set by the first 429")
        .isEqualTo(JsonValue.ValueType.NUMBER);
  }

  @Test
  void textSummary_saysTheRequestsRetries429ShareAndLatency_asTheServerCounted() throws Exception {
    Run run = importWith429s("text");
    int posts = run.server.posts.get();
    int rateLimited = run.server.rateLimited.get();
    Matcher m =
        Pattern.compile(
                "Requests: (\\d+) \\((\\d+) retr(?:y|ies)\\); 429 answers: (\\d+) of (\\d+)"
                    + " \\(([\\d.]+)%\\); call latency p50 ([\\d.,]+) ms, p99 ([\\d.,]+) ms\\.")
            .matcher(run.result.out());
    assertThat(m.find()).as(run.result.out()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(posts);
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(posts - PARTS);
    assertThat(Integer.parseInt(m.group(3))).isEqualTo(rateLimited);
    assertThat(Integer.parseInt(m.group(4))).isEqualTo(posts);
    assertThat(m.group(5))
        .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", 100.0 * rateLimited / posts));
    assertThat(Double.parseDouble(m.group(6).replace(",", "")))
        .isLessThanOrEqualTo(Double.parseDouble(m.group(7).replace(",", "")));
    // The lines it had before stay as they were.
    assertThat(run.result.out())
        .contains(
            "100 rows read, 100 sent, 100 accepted, 0 rejected, 0 failed",
            "The API asked to slow down (429/503) " + rateLimited + " time");
    assertThat(run.result.err().lines())
        .isNotEmpty()
        .allSatisfy(l -> assertThat(parse(l).keySet()).containsExactlyElementsOf(PROGRESS_MEMBERS));
  }

  /** Every line has the members in their order, and no count falls from one line to the next. */
  static void assertProgressLines(List<JsonObject> lines) {
    JsonObject before = null;
    for (JsonObject line : lines) {
      assertThat(line.keySet()).containsExactlyElementsOf(PROGRESS_MEMBERS);
      for (String count : COUNTS) {
        assertThat(line.get(count)).isInstanceOf(JsonNumber.class);
        if (before != null) {
          assertThat(line.getJsonNumber(count).longValue())
              .as("%s, from %s to %s", count, before, line)
              .isGreaterThanOrEqualTo(before.getJsonNumber(count).longValue());
        }
      }
      before = line;
    }
  }

  @Test
  void progressLinesTakenWhileCallsAreInFlight_countsOnlyGrow_theLastIsTheSummarys()
      throws Exception {
    Path csv = dir.resolve("rows.csv");
    SampleCsv.write(csv, 120);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Progress> progress = new AtomicReference<>();
    CountAnswers server = new CountAnswers();
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder()
                .faults(Faults.NONE.withRateLimited(0.25, Duration.ZERO).withSeed(11))
                .register(server)
                .register(new OnEachPost(() -> lines.add(progress.get().jsonLine())))
                .start();
        CustomersClient client = client(sandbox)) {
      Importer importer = importer(client, csv, 4).callStats(stats);
      StringWriter err = new StringWriter();
      Importer.Summary s;
      try (InputStream in = Files.newInputStream(csv);
          CsvSource source = new CsvSource(csv.toString(), in)) {
        // Lines are taken by the server as each POST arrives; the timer's come every 5 s.
        try (Progress p =
            new Progress(
                Progress.Mode.JSON,
                new PrintWriter(err),
                Files.size(csv),
                source::bytesRead,
                importer.counters())) {
          progress.set(p);
          s = importer.run(source);
        }
      }
      List<String> written = err.toString().lines().toList();
      assertThat(written).isNotEmpty();
      lines.add(written.get(written.size() - 1)); // the line written at the end
      List<JsonObject> parsed = new ArrayList<>();
      for (String line : lines) {
        parsed.add(parse(line));
      }
      assertThat(parsed).hasSize(server.posts.get() + 1);
      assertProgressLines(parsed);
      JsonObject last = parsed.get(parsed.size() - 1);
      assertThat(num(last, "rowsRead")).isEqualTo(120).isEqualTo(s.read());
      assertThat(num(last, "sent")).isEqualTo(s.sent());
      assertThat(num(last, "accepted")).isEqualTo(120);
      assertThat(num(last, "calls")).isEqualTo(s.calls()).isEqualTo(server.posts.get());
      assertThat(num(last, "requests")).isEqualTo(s.traffic().requests());
      assertThat(num(last, "rateLimited"))
          .isEqualTo(s.traffic().rateLimited())
          .isEqualTo(server.rateLimited.get());
      assertThat(num(last, "retries"))
          .isEqualTo(s.retries())
          .isEqualTo(server.posts.get() - 120 / 4);
      assertThat(parsed.get(0).getInt("rowsRead"))
          .as("the first line, taken at the first POST, before the end")
          .isLessThanOrEqualTo(120);
    }
  }

  private final CallStats stats = new CallStats();

  private static long num(JsonObject o, String member) {
    return o.getJsonNumber(member).longValue();
  }

  private CustomersClient client(CustomersSandbox sandbox) {
    return CustomersClient.builder()
        .apiKey(sandbox.apiKey())
        .baseUri(sandbox.uri())
        .retryPolicy(Session.retryPolicy(true)) // as the command has it
        .addListener(stats)
        .build();
  }

  private Importer importer(CustomersClient client, Path csv, int batchSize) {
    return new Importer(
            client.customers(),
            new Importer.Settings(
                csv.toString(),
                UpsertMode.ADD_OR_UPDATE,
                MatchBy.EMAIL,
                batchSize,
                2,
                dir.resolve("rejects.ndjson"),
                dir.resolve("checkpoint.ndjson"),
                false),
            null,
            nanos -> {})
        .retries(Session.retryPolicy(true));
  }

  /** Imports three rows, in batches of 5, through a sandbox with {@code answers}. */
  private Importer.Summary importThreeRowsThrough(AnswerFirstPosts answers) throws Exception {
    Path csv = dir.resolve("rows.csv");
    SampleCsv.write(csv, 3);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(answers).start();
        CustomersClient client = client(sandbox);
        InputStream in = Files.newInputStream(csv);
        CsvSource source = new CsvSource(csv.toString(), in)) {
      return importer(client, csv, 5).callStats(stats).run(source);
    }
  }

  @Test
  void a503TheClientSendsAgain_isARetry_andNo429() throws Exception {
    AnswerFirstPosts first503 = new AnswerFirstPosts(1, 503, "0");
    Importer.Summary s = importThreeRowsThrough(first503);
    assertThat(first503.posts.get()).isEqualTo(2);
    assertThat(s.calls()).as("one call of the import's").isEqualTo(1);
    assertThat(s.traffic().calls()).isEqualTo(1);
    assertThat(s.traffic().requests()).as("as the server counted").isEqualTo(2);
    assertThat(s.retries()).as("the client's").isEqualTo(1);
    assertThat(s.traffic().rateLimited()).isZero();
    assertThat(s.traffic().answered()).isEqualTo(2);
  }

  @Test
  void two429s_areTwoRetriesOfTheImport_andTwo429sInThreeAnswers() throws Exception {
    AnswerFirstPosts two429s = new AnswerFirstPosts(2, 429, "0");
    Importer.Summary s = importThreeRowsThrough(two429s);
    assertThat(two429s.posts.get()).isEqualTo(3);
    assertThat(s.traffic().requests()).isEqualTo(3);
    assertThat(s.traffic().rateLimited()).isEqualTo(2);
    assertThat(s.retries()).as("the part, sent again twice by the import").isEqualTo(2);
    assertThat(s.resentAfter429()).isEqualTo(2);
    assertThat(s.traffic().retries()).as("none by the client").isZero();
    assertThat(s.traffic().rateLimitedShare()).isEqualTo(2.0 / 3);
  }

  /** Runs {@code action} as each POST arrives, before it is answered. */
  @PreMatching
  @Priority(2)
  private static final class OnEachPost implements ContainerRequestFilter {
    private final Runnable action;

    OnEachPost(Runnable action) {
      this.action = action;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getMethod().equals("POST")) {
        action.run();
      }
    }
  }
}
