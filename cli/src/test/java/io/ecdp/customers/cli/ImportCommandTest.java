package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecdp customers import} end to end: bad rows named, the rest imported, counts reported. */
@ExtendWith(SandboxExtension.class)
class ImportCommandTest {

  @TempDir Path dir;

  private Cli.Result importFile(CustomersSandbox sandbox, Path file, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--base-url",
                sandbox.uri().toString(),
                "customers",
                "import",
                file.toString(),
                "--mode",
                "AddOrUpdate",
                "--match-by",
                "Email",
                "--batch-size",
                "3",
                "--concurrency",
                "2",
                "--progress",
                "none",
                "--rejects",
                dir.resolve("rejects.ndjson").toString(),
                "--checkpoint",
                dir.resolve("checkpoint.ndjson").toString()));
    args.addAll(List.of(more));
    return Cli.run(Map.of("ECDP_API_KEY", sandbox.apiKey()), args.toArray(String[]::new));
  }

  private List<String> rejects() throws IOException {
    return Files.readAllLines(dir.resolve("rejects.ndjson"));
  }

  @Test
  void csv_badRowsAreRejectedWithLineAndField_theRestIsImported(CustomersSandbox sandbox)
      throws IOException {
    Path csv = dir.resolve("customers.csv");
    Files.writeString(
        csv,
        """
        email,firstName,dateOfBirth,gender,attr:tier,consent:3
        adam@poczta.pl,Adam,1990-05-06,Male,gold,True
        not-an-email,Ewa,,,,

        "jan@poczta.pl","Jan ""Kowalski"" ",1980-01-01,,,
        ola@poczta.pl,Ola,yesterday,,,
        piotr@poczta.pl,Piotr,,Robot,,
        zofia@poczta.pl,Zofia,,,"multi
        line tier",
        bad"quote@poczta.pl,X,,,,
        short@poczta.pl,Short
        marek@poczta.pl,Marek,,,,Maybe
        anna@poczta.pl,Anna,2001-02-03T04:05:06Z,Female,silver,False
        """);
    Cli.Result r = importFile(sandbox, csv);

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.out()).contains("10 rows read", "4 sent", "4 accepted", "6 rejected", "0 failed");
    assertThat(r.out())
        .contains(
            "Rejected rows by field and rule:",
            "1  email: is not an e-mail address (one @, no spaces)",
            "1  gender: must be one of");
    List<String> rejects = rejects();
    assertThat(rejects).hasSize(6);
    assertThat(rejects)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"line\":3", "\"field\":\"email\"", "is not an e-mail address"))
        .anySatisfy(l -> assertThat(l).contains("\"line\":6", "\"field\":\"dateOfBirth\""))
        .anySatisfy(l -> assertThat(l).contains("\"line\":7", "\"field\":\"gender\""))
        .anySatisfy(l -> assertThat(l).contains("\"line\":10", "a quote inside an unquoted field"))
        .anySatisfy(
            l -> assertThat(l).contains("\"line\":11", "the row has 2 fields, the header 6"))
        .anySatisfy(l -> assertThat(l).contains("\"line\":12", "\"field\":\"consent:3\""));
    assertThat(rejects)
        .allSatisfy(l -> assertThat(l).contains("\"file\":\"" + csv + "\"", "\"input\":"));

    try (CustomersClient client = sandbox.client()) {
      assertThat(
              client
                  .customers()
                  .get(CustomerKey.email("jan@poczta.pl"))
                  .customer()
                  .orElseThrow()
                  .firstName())
          .isEqualTo("Jan \"Kowalski\" ");
      assertThat(
              client
                  .customers()
                  .get(CustomerKey.email("zofia@poczta.pl"))
                  .customer()
                  .orElseThrow()
                  .customAttributes()
                  .get(0)
                  .value())
          .as("a line break inside quotes, in a value that may hold one (D14)")
          .isEqualTo("multi\nline tier");
      assertThat(
              client
                  .customers()
                  .get(CustomerKey.email("adam@poczta.pl"))
                  .customer()
                  .orElseThrow()
                  .customAttributes()
                  .get(0)
                  .value())
          .isEqualTo("gold");
      assertThat(client.customers().get(CustomerKey.email("anna@poczta.pl")).customer())
          .isPresent();
    }
    assertThat(Checkpoint.read(dir.resolve("checkpoint.ndjson")).complete)
        .as("a complete import is recorded as complete: nothing to resume")
        .isNotNull();
  }

  @Test
  void csv_unknownColumn_stopsBeforeSendingAnything(CustomersSandbox sandbox) throws IOException {
    Path csv = dir.resolve("bad-header.csv");
    Files.writeString(csv, "email,fullName\nadam@poczta.pl,Adam\n");
    Cli.Result r = importFile(sandbox, csv);
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).contains(csv + ":1: fullName: unknown column");
    assertThat(sandbox.store().size()).isZero();
  }

  @Test
  void csv_wrongEncodingAndHugeLines_areRejected_notFatal(CustomersSandbox sandbox)
      throws IOException {
    Path csv = dir.resolve("mixed.csv");
    byte[] latin1 = "jurgen@poczta.pl,M\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1);
    try (var out = Files.newOutputStream(csv)) {
      out.write("email,lastName\nok1@poczta.pl,One\n".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {'x', '@', 'y', ',', (byte) 0xC3, (byte) 0x28, '\n'}); // invalid UTF-8
      out.write(latin1);
      out.write(
          ("huge@poczta.pl," + "A".repeat(2 * 1024 * 1024) + "\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write("ok2@poczta.pl,Two\n".getBytes(StandardCharsets.UTF_8));
    }
    Cli.Result r = importFile(sandbox, csv);
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.out()).contains("2 accepted", "3 rejected");
    assertThat(rejects())
        .anySatisfy(l -> assertThat(l).contains("\"line\":3", "not valid UTF-8"))
        .anySatisfy(l -> assertThat(l).contains("\"line\":4", "not valid UTF-8"))
        .anySatisfy(l -> assertThat(l).contains("\"line\":5", "longer than"));
  }

  @Test
  void ndjson_unknownFieldsAndBrokenJson_areRejected(CustomersSandbox sandbox) throws IOException {
    Path file = dir.resolve("customers.ndjson");
    Files.writeString(
        file,
        """
        {"email":"adam@poczta.pl","customAttributes":[{"name":"tier","value":"gold"}]}
        {"email":"ewa@poczta.pl","nickname":"E"}
        {"email":

        {"email":"jan@poczta.pl","consentsData":{"consents":[{"id":"x"}]}}
        {"email":"ola@poczta.pl","phone":"1 2 3"}
        {"email":"zofia@poczta.pl"}""");
    Cli.Result r = importFile(sandbox, file);
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.out()).contains("6 rows read", "2 accepted", "4 rejected");
    assertThat(rejects())
        .anySatisfy(
            l -> assertThat(l).contains("\"line\":2", "\"field\":\"nickname\"", "unknown field"))
        .anySatisfy(l -> assertThat(l).contains("\"line\":3", "not valid JSON"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"line\":5",
                        "\"field\":\"consentsData.consents[0].id\"",
                        "must be a number (found a JSON string)"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"line\":6", "\"field\":\"phone\"", "must not contain whitespace"));
  }

  @Test
  void addMode_recordsTheServerRefuses_areRejected_theRestOfTheBatchImported(
      CustomersSandbox sandbox, CustomersClient client) throws IOException {
    client
        .customers()
        .upsert(
            UpsertMode.ADD,
            MatchBy.EMAIL,
            List.of(CustomerRecord.builder().email("b@poczta.pl").build()));
    Path csv = dir.resolve("add.csv");
    Files.writeString(csv, "email\na@poczta.pl\nb@poczta.pl\nc@poczta.pl\n");
    Cli.Result r =
        Cli.run(
            Map.of("ECDP_API_KEY", sandbox.apiKey()),
            "--base-url",
            sandbox.uri().toString(),
            "--output",
            "json",
            "customers",
            "import",
            csv.toString(),
            "--mode",
            "Add",
            "--match-by",
            "Email",
            "--progress",
            "none",
            "--rejects",
            dir.resolve("rejects.ndjson").toString(),
            "--checkpoint",
            dir.resolve("cp.ndjson").toString());
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.out())
        .contains("\"read\":3", "\"sent\":3", "\"accepted\":2", "\"rejected\":1", "\"failed\":0");
    assertThat(rejects()).singleElement().asString().contains("\"line\":3", "already exists");
    assertThat(sandbox.store().size()).isEqualTo(3);
  }

  @Test
  void interruptedImport_mustBeResumedOrRestarted(CustomersSandbox sandbox) throws IOException {
    Path csv = dir.resolve("c.csv");
    Files.writeString(csv, "email\na@poczta.pl\n");
    Files.writeString(dir.resolve("checkpoint.ndjson"), "{\"batch\":0,\"batchSize\":3}\n");
    Cli.Result refused = importFile(sandbox, csv);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("was interrupted", "--resume", "--restart");
    Cli.Result resumed = importFile(sandbox, csv, "--resume");
    assertThat(resumed.exitCode()).isZero();
    assertThat(resumed.out()).contains("1 skipped (already imported)");
    assertThat(sandbox.store().size()).as("the recorded batch was not sent again").isZero();
  }

  @Test
  void progressLines_whenNotATerminal(CustomersSandbox sandbox) throws IOException {
    Path csv = dir.resolve("p.csv");
    Files.writeString(csv, "email\na@poczta.pl\n");
    Progress.Counters counters = new Progress.Counters();
    counters.read.set(10);
    counters.accepted.set(8);
    counters.rejected.set(2);
    try (Progress p =
        new Progress(
            Progress.Mode.LINES,
            new java.io.PrintWriter(new java.io.StringWriter()),
            100,
            () -> 50,
            counters)) {
      assertThat(p.line())
          .startsWith(" 50% 10 read, 8 accepted, 2 rejected,")
          .contains("records/s, ETA 0:0");
    }
    assertThat(importFile(sandbox, csv).exitCode()).isZero();
  }
}
