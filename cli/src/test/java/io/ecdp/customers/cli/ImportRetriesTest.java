package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.imports.Throttle;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who retries what in an import: the client retries a call as its rules allow (here a 503 with
 * {@code Retry-After}), while every 429 is handed back to the import, whose throttle counts it and
 * sends the part again under its pace.
 */
class ImportRetriesTest {

  @TempDir Path dir;

  @Test
  void theImportsPolicy_handsBack429s_andRetriesTheRest_otherCommandsRetry429sToo() {
    assertThat(Session.retryPolicy(true).retryRateLimited()).isFalse();
    assertThat(Session.retryPolicy(true).maxAttempts()).isGreaterThan(1);
    assertThat(Session.retryPolicy(false).retryRateLimited()).isTrue();
  }

  @Test
  void a503WithRetryAfter_isSentAgainByTheClient_andTheThrottleSeesNoRefusal() throws Exception {
    AnswerFirstPosts posts = new AnswerFirstPosts(1, 503, "0");
    Run r = run(posts);
    assertThat(posts.posts.get())
        .as("the first answered 503, the client sent it again")
        .isEqualTo(2);
    assertThat(r.summary.accepted()).isEqualTo(3);
    assertThat(r.summary.failed()).isZero();
    assertThat(r.summary.calls()).as("one call of the import's").isEqualTo(1);
    assertThat(r.summary.throttledCalls()).isZero();
    assertThat(r.stored).isEqualTo(3);
  }

  @Test
  void each429_reachesTheThrottle_andThePartIsSentAgainUnderIt() throws Exception {
    AnswerFirstPosts posts = new AnswerFirstPosts(2, 429, "0");
    Run r = run(posts);
    assertThat(posts.posts.get()).isEqualTo(3);
    assertThat(r.summary.throttledCalls()).as("each 429 counted by the throttle").isEqualTo(2);
    assertThat(r.summary.calls()).isEqualTo(3);
    assertThat(r.importer.throttle().decreases()).as("the limits fell").isPositive();
    assertThat(r.summary.accepted()).isEqualTo(3);
    assertThat(r.summary.sent()).as("rows, each counted once").isEqualTo(3);
    assertThat(r.stored).isEqualTo(3);
  }

  @Test
  void a503WithoutRetryAfter_isNotSentTwice_theBatchFails_andIsLeftForResume() throws Exception {
    AnswerFirstPosts posts = new AnswerFirstPosts(Integer.MAX_VALUE, 503, null);
    Run r = run(posts);
    assertThat(posts.posts.get()).as("a POST is retried only when the server asks").isEqualTo(1);
    assertThat(r.summary.failed()).isEqualTo(3);
    assertThat(r.summary.failureExitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(r.summary.throttledCalls()).as("the 503 lowered the concurrency").isEqualTo(1);
    String checkpoint = Files.readString(dir.resolve("checkpoint.ndjson"));
    assertThat(checkpoint).contains("\"sending\":0").doesNotContain("\"accepted\"");
    assertThat(r.stored).isZero();
  }

  @Test
  void stop_duringTheWaitAfterA429_cutsTheWaitShort_andSendsThePartNoMore() throws Exception {
    AnswerFirstPosts posts = new AnswerFirstPosts(Integer.MAX_VALUE, 429, "20");
    AtomicReference<Importer> started = new AtomicReference<>();
    CompletableFuture<Run> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run(posts, null, started::set);
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    while (posts.posts.get() == 0 && !run.isDone()) {
      Thread.sleep(5);
    }
    Thread.sleep(100); // the 429 is answered: the part waits its Retry-After of 20 s
    started.get().stop(); // as Ctrl-C does
    Run r = run.get(60, TimeUnit.SECONDS);
    assertThat(posts.posts.get()).as("the wait was cut short, nothing sent again").isEqualTo(1);
    assertThat(r.summary.interrupted()).isTrue();
    assertThat(r.summary.failed()).isZero();
    assertThat(r.stored).isZero();
  }

  private record Run(Importer importer, Importer.Summary summary, int stored) {}

  private Run run(ContainerRequestFilter answers) throws Exception {
    return run(answers, nanos -> {}, importer -> {});
  }

  /** Imports three rows; {@code waiter} null for the importer's own waits, which stop() cuts. */
  private Run run(
      ContainerRequestFilter answers, Throttle.Sleeper waiter, Consumer<Importer> started)
      throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "email\na@example.com\nb@example.com\nc@example.com\n");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(answers).start();
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .retryPolicy(Session.retryPolicy(true))
                .build()) {
      Importer importer =
          new Importer(
                  client.customers(),
                  new Importer.Settings(
                      csv.toString(),
                      UpsertMode.ADD_OR_UPDATE,
                      MatchBy.EMAIL,
                      5,
                      2,
                      dir.resolve("rejects.ndjson"),
                      dir.resolve("checkpoint.ndjson"),
                      false),
                  null,
                  waiter)
              .retries(Session.retryPolicy(true));
      started.accept(importer);
      Importer.Summary s;
      try (InputStream in = Files.newInputStream(csv);
          CsvSource source = new CsvSource(csv.toString(), in)) {
        s = importer.run(source);
      }
      return new Run(importer, s, sandbox.store().size());
    }
  }
}
