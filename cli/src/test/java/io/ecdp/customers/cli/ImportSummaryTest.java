package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import's summary, in text and JSON, from given figures. */
class ImportSummaryTest {

  private static Importer.Summary summary(
      long read, CallStats.Snapshot traffic, long resent, boolean interrupted) {
    return new Importer.Summary(
        "in.csv",
        read,
        read,
        read,
        0,
        0,
        0,
        0,
        Duration.ofSeconds(2),
        false,
        null,
        ExitCode.UNAVAILABLE,
        Path.of("in.csv.rejects.ndjson"),
        List.of(),
        990,
        250,
        4,
        interrupted,
        null,
        traffic,
        resent);
  }

  private static String print(Output.Format format, Importer.Summary s, String resumeWith) {
    StringWriter out = new StringWriter();
    new Output(format, new PrintWriter(out), new PrintWriter(new StringWriter()))
        .summary(s, resumeWith);
    return out.toString();
  }

  private static final CallStats.Snapshot TRAFFIC =
      new CallStats.Snapshot(990, 1_000, 10, 990, 250, 12_345_678, 456_749_999);

  @Test
  void text_addsALineOfRequestsRetries429ShareAndLatency() {
    String text = print(Output.Format.text, summary(5_000, TRAFFIC, 240, false), null);
    assertThat(text)
        .contains(
            "Imported in.csv: 5,000 rows read, 5,000 sent, 5,000 accepted, 0 rejected, 0 failed"
                + " in 2.0 s (2,500 records/s).\n"
                + "The API asked to slow down (429/503) 250 times in 990 calls; the import"
                + " adapted.\n"
                + "Requests: 1,000 (250 retries); 429 answers: 250 of 990 (25.3%); call latency"
                + " p50 12.3 ms, p99 456.7 ms.\n");
  }

  @Test
  void json_hasTheNewMembers_theShareOfAnsweredRequests() {
    JsonObject o;
    try (JsonReader r =
        JsonP.PROVIDER.createReader(
            new StringReader(
                print(Output.Format.json, summary(5_000, TRAFFIC, 240, false), null)))) {
      o = r.readObject();
    }
    assertThat(o.getInt("requests")).isEqualTo(1_000);
    assertThat(o.getInt("retries")).as("10 by the client, 240 by the import").isEqualTo(250);
    assertThat(o.getInt("answered")).isEqualTo(990);
    assertThat(o.getInt("rateLimited")).isEqualTo(250);
    assertThat(o.getJsonNumber("rateLimitedShare").doubleValue()).isEqualTo(0.2525);
    assertThat(o.getJsonNumber("latencyP50Ms").doubleValue()).isEqualTo(12.3);
    assertThat(o.getJsonNumber("latencyP99Ms").doubleValue()).isEqualTo(456.7);
    assertThat(o.getInt("calls")).isEqualTo(990);
    assertThat(o.getInt("callsThrottled")).isEqualTo(250);
  }

  @Test
  void noCallMade_latencyIsNull_andTheTextHasNoRequestsLine() {
    CallStats.Snapshot none = new CallStats.Snapshot(0, 0, 0, 0, 0, -1, -1);
    String json = print(Output.Format.json, summary(0, none, 0, false), null);
    JsonObject o;
    try (JsonReader r = JsonP.PROVIDER.createReader(new StringReader(json))) {
      o = r.readObject();
    }
    assertThat(o.get("latencyP50Ms")).isEqualTo(JsonValue.NULL);
    assertThat(o.get("latencyP99Ms")).isEqualTo(JsonValue.NULL);
    assertThat(o.getJsonNumber("rateLimitedShare").doubleValue()).isZero();
    assertThat(print(Output.Format.text, summary(0, none, 0, false), null))
        .doesNotContain("Requests:");
  }

  @Test
  void withoutCallFigures_theSummaryIsAsBefore() {
    String text = print(Output.Format.text, summary(3, null, 0, false), null);
    assertThat(text).doesNotContain("Requests:");
    assertThat(print(Output.Format.json, summary(3, null, 0, false), null))
        .doesNotContain("\"requests\"", "\"retries\"", "latency");
  }

  @Test
  void oneOfAThing_isSingular() {
    CallStats.Snapshot one = new CallStats.Snapshot(1, 2, 1, 2, 1, 1_000_000, 1_000_000);
    Importer.Summary s =
        new Importer.Summary(
            "in.csv",
            1,
            1,
            1,
            0,
            0,
            0,
            0,
            Duration.ofSeconds(1),
            false,
            null,
            6,
            Path.of("r.ndjson"),
            List.of(),
            1,
            1,
            1,
            true,
            null,
            one,
            0);
    String text = print(Output.Format.text, s, "ecdp ... --resume");
    assertThat(text)
        .contains(
            "Imported in.csv: 1 row read,",
            "(429/503) 1 time in 1 call;",
            "Requests: 2 (1 retry); 429 answers: 1 of 2 (50.0%)",
            "Interrupted after 1 row; resume with: ecdp ... --resume")
        .doesNotContain("1 rows", "1 times", "1 calls", "1 retries");
    assertThat(print(Output.Format.text, summary(0, null, 0, true), "ecdp --resume"))
        .contains("0 rows read,", "Interrupted after 0 rows;");
  }
}
