package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.RecordErrors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch the server refuses is taken apart whether or not the server names the refused records:
 * the same customers are stored and the same rows rejected in both forms of the sandbox's errors.
 */
class ImportRefusedBatchesTest {

  @TempDir Path dir;

  /** What one import did: the customers stored, the rejected lines, the summary. */
  record Outcome(Set<String> stored, Map<Long, JsonObject> rejects, JsonObject summary) {}

  /**
   * 60 rows in batches of 8: 9 already stored (refused in Add mode), 2 named twice in the file (the
   * second refused), 3 refused locally before anything is sent (not an e-mail; a phone with a
   * space), the other 46 stored.
   */
  private Path input() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("email,phone,firstName");
    for (int i = 0; i < 60; i++) {
      String email = "c" + i + "@poczta.pl";
      String phone = "";
      if (i == 13 || i == 41) {
        email = "c" + (i - 1) + "@poczta.pl"; // the same customer twice in the file
      }
      if (i == 7 || i == 30) {
        email = "not-an-email-" + i;
      }
      if (i == 50) {
        phone = "+48 123";
      }
      lines.add(email + "," + phone + ",Name" + i);
    }
    Path csv = dir.resolve("refused.csv");
    Files.write(csv, lines);
    return csv;
  }

  private static final List<Integer> ALREADY_STORED = List.of(0, 3, 8, 9, 10, 11, 25, 47, 59);

  private Outcome importInto(RecordErrors form) throws IOException {
    Path csv = input();
    Path rejects = dir.resolve(form + ".rejects.ndjson");
    Path checkpoint = dir.resolve(form + ".checkpoint.ndjson");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().recordErrors(form).start();
        CustomersClient client = sandbox.client()) {
      List<CustomerRecord> seed = new ArrayList<>();
      for (int i : ALREADY_STORED) {
        seed.add(CustomerRecord.builder().email("c" + i + "@poczta.pl").build());
      }
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, seed);
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
              "--batch-size",
              "8",
              "--concurrency",
              "3",
              "--progress",
              "none",
              "--rejects",
              rejects.toString(),
              "--checkpoint",
              checkpoint.toString());
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.INPUT_REJECTED);
      Set<String> stored = new TreeSet<>();
      for (int i = 0; i < 62; i++) {
        String email = "c" + i + "@poczta.pl";
        if (client.customers().get(CustomerKey.email(email)).customer().isPresent()) {
          stored.add(email);
        }
      }
      Map<Long, JsonObject> byLine = new TreeMap<>();
      for (String line : Files.readAllLines(rejects)) {
        JsonObject o = Json.createReader(new StringReader(line)).readObject();
        assertThat(byLine.put(o.getJsonNumber("line").longValue(), o)).as("once a line").isNull();
      }
      if (!FileSystemsSupportPosix.ok()) {
        return new Outcome(stored, byLine, parse(r.out()));
      }
      assertThat(Files.getPosixFilePermissions(rejects))
          .as("the rejects file holds personal data")
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      return new Outcome(stored, byLine, parse(r.out()));
    }
  }

  private static JsonObject parse(String out) {
    return Json.createReader(new StringReader(out.strip())).readObject();
  }

  @ParameterizedTest
  @EnumSource(RecordErrors.class)
  void everyGoodRecordIsStored_everyBadOneReported(RecordErrors form) throws IOException {
    Outcome o = importInto(form);
    // 60 rows: 9 already stored, 2 repeated, 3 refused locally.
    assertThat(o.summary().getInt("read")).isEqualTo(60);
    assertThat(o.summary().getInt("accepted")).isEqualTo(46);
    assertThat(o.summary().getInt("rejected")).isEqualTo(14);
    assertThat(o.summary().getInt("failed")).isZero();
    assertThat(o.summary().getInt("sent")).as("only what went on the wire").isEqualTo(57);
    assertThat(o.stored()).hasSize(46 + 9);
    // Rows are numbered from line 2 (line 1 is the header): row i is on line i + 2.
    List<Long> expected = new ArrayList<>();
    for (int i : List.of(0, 3, 7, 8, 9, 10, 11, 13, 25, 30, 41, 47, 50, 59)) {
      expected.add((long) i + 2);
    }
    assertThat(o.rejects().keySet()).containsExactlyElementsOf(expected);
    for (int i : ALREADY_STORED) {
      assertThat(o.rejects().get((long) i + 2).getString("reason")).contains("already exists");
    }
    assertThat(o.rejects().get(15L).getString("reason")).contains("already exists");
    assertThat(o.rejects().get(9L).getString("field")).isEqualTo("email");
    assertThat(o.rejects().get(52L).getString("field")).isEqualTo("phone");
    assertThat(o.summary().getJsonArray("rejectsByReason").toString())
        .contains("\"count\":11", "a customer with this email already exists");
  }

  @Test
  void bothFormsOfErrors_storeTheSameCustomers_andRejectTheSameRows() throws IOException {
    Outcome indexed = importInto(RecordErrors.INDEXED);
    Outcome opaque = importInto(RecordErrors.OPAQUE);
    assertThat(opaque.stored()).isEqualTo(indexed.stored());
    assertThat(opaque.rejects().keySet()).isEqualTo(indexed.rejects().keySet());
    for (Long line : indexed.rejects().keySet()) {
      JsonObject a = indexed.rejects().get(line);
      JsonObject b = opaque.rejects().get(line);
      assertThat(b.getString("input")).isEqualTo(a.getString("input"));
      String rule = a.getString("reason");
      assertThat(b.getString("reason"))
          .as("line %d in the server's own words", line)
          .contains(rule);
    }
    assertThat(opaque.summary().getInt("calls"))
        .as("without names, the refused batches are halved: more calls")
        .isGreaterThan(indexed.summary().getInt("calls"));
  }

  @Test
  void rejectsAndCheckpointFiles_areCreatedReadableByTheirOwnerOnly() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(FileSystemsSupportPosix.ok());
    Path file = dir.resolve("new.checkpoint.ndjson");
    try (var w = PrivateFiles.writer(file, false)) {
      assertThat(Files.getPosixFilePermissions(file))
          .as("before anything is written")
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      w.write("{}");
    }
    assertThat(Files.readString(file)).isEqualTo("{}");
  }

  @Test
  void anExistingRejectsFileReadableByOthers_isNarrowedToItsOwner_andNewFoldersAre0700()
      throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(FileSystemsSupportPosix.ok());
    Path file = dir.resolve("old.rejects.ndjson");
    Files.writeString(file, "{}\n");
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    var w = PrivateFiles.writer(file, false);
    try (w) {
      assertThat(Files.getPosixFilePermissions(file))
          .as("before anything is appended")
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    Path nested = dir.resolve("a/b/.ecdp");
    PrivateFiles.directories(nested);
    for (Path p : List.of(dir.resolve("a"), dir.resolve("a/b"), nested)) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(p)))
          .as("%s", p)
          .isEqualTo("rwx------");
    }
  }

  /** Whether the default file system has POSIX permissions (not on Windows). */
  static final class FileSystemsSupportPosix {
    static boolean ok() {
      return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
  }
}
