package io.ecdp.customers.sandbox;

import static io.ecdp.customers.sandbox.StateFixtures.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A state file or journal that is not what a sandbox writes: a {@link SandboxStateException} of
 * reason {@code CORRUPT} that names the file, says what is wrong, and quotes no customer data.
 */
class SandboxStateCorruptTest {

  @TempDir Path dir;

  /** Personal data in the broken files, which no message may repeat. */
  private static final String SECRET = "secret.person@example.com";

  private static final String ID = "0b6a6a3c-2f5e-4b8e-9a51-3c1c8f6a9d10";

  private static String header(long customers, int nextId) {
    return "{\"format\":\"ecdp-sandbox-state\",\"version\":2,\"stateId\":\""
        + ID
        + "\",\"sequence\":3,\"nextId\":"
        + nextId
        + ",\"customers\":"
        + customers
        + "}\n";
  }

  private static String customer(int id, String email) {
    return "{\"id\":" + id + ",\"details\":{\"email\":\"" + email + "\",\"firstName\":\"Ewa\"}}\n";
  }

  static Stream<Arguments> brokenStates() {
    return Stream.of(
        Arguments.of("empty", "", "the file is empty"),
        Arguments.of("blank", "  \n\n", "the file is empty"),
        Arguments.of("an empty object", "{}", "line 1: expected a header with \"format\""),
        Arguments.of("garbage", "name: " + SECRET + "\n", "line 1: expected a header"),
        Arguments.of(
            "a header of another format",
            "{\"format\":\"" + SECRET + "\",\"version\":2}\n",
            "found another format"),
        Arguments.of(
            "a header of a newer version",
            "{\"format\":\"ecdp-sandbox-state\",\"version\":3,\"stateId\":\"" + ID + "\"}\n",
            "expected version 2, found version 3"),
        Arguments.of(
            "a header without its counts",
            "{\"format\":\"ecdp-sandbox-state\",\"version\":2,\"stateId\":\"" + ID + "\"}\n",
            "line 1: expected a \"sequence\" member"),
        Arguments.of(
            "a stateId that is not a UUID",
            header(0, 1).replace(ID, SECRET),
            "line 1: expected \"stateId\" to be a UUID"),
        Arguments.of(
            "fewer customers than the header says",
            header(3, 4) + customer(1, SECRET) + customer(2, "b@example.com"),
            "announces 3 customers, but the file ends after 2"),
        Arguments.of(
            "more customers than the header says",
            header(1, 4) + customer(1, SECRET) + customer(2, "b@example.com"),
            "line 3: expected the end of the file after the 1 customers"),
        Arguments.of(
            "a customer line cut short",
            header(2, 4)
                + customer(1, "a@example.com")
                + "{\"id\":2,\"details\":{\"email\":\""
                + SECRET,
            "line 3: expected a customer, found text that is not valid JSON"),
        Arguments.of(
            "a customer line that is not JSON",
            header(1, 4) + "{\"id\":1,\"details\":{\"email\":" + SECRET + "}}\n",
            "line 2: expected a customer, found text that is not valid JSON"),
        Arguments.of(
            "a field of the wrong type",
            header(1, 4) + "{\"id\":1,\"details\":{\"email\":[\"" + SECRET + "\"]}}\n",
            "line 2: CustomerDetails.email: must be a string, found an array"),
        Arguments.of(
            "a customer without details",
            header(1, 4) + "{\"id\":1,\"visitorId\":\"" + SECRET + "\"}\n",
            "line 2: expected a \"details\" member"),
        Arguments.of(
            "an ID twice",
            header(2, 4) + customer(1, SECRET) + customer(1, "b@example.com"),
            "line 3: customer ID 1 appears twice"),
        Arguments.of(
            "an e-mail address twice",
            header(2, 4) + customer(1, SECRET) + customer(2, SECRET.toUpperCase(Locale.ROOT)),
            "line 3: customer 2 has the email of customer 1"),
        Arguments.of(
            "a next ID that is taken",
            header(1, 1) + customer(1, SECRET),
            "line 1: nextId 1 is not above every customer's ID"),
        Arguments.of(
            "the old format, cut short",
            "[{\"id\":1,\"details\":{\"email\":\"" + SECRET + "\"}},{\"id\":2,\"det",
            "line 1, column"),
        Arguments.of(
            "the old format, not an array of customers",
            "[1,2,\"" + SECRET + "\"]",
            "(customer 1 of the array): expected a customer object"),
        Arguments.of(
            "the old format with text after the array",
            "[{\"id\":1,\"details\":{\"email\":\"" + SECRET + "\"}}] " + SECRET,
            "not valid JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenStates")
  void aBrokenStateFile_isReportedAsCorrupt(String shape, String content, String what)
      throws Exception {
    Path state = dir.resolve("sandbox.json");
    Files.writeString(state, content, StandardCharsets.UTF_8);
    SandboxStateException e = corrupt(state);
    assertThat(e.file()).isEqualTo(state.toAbsolutePath());
    assertThat(e.getMessage())
        .contains(state.toAbsolutePath().toString())
        .contains(what)
        .contains("Move it away or delete it (and sandbox.json.journal beside it)")
        .doesNotContainIgnoringCase(SECRET);
    assertThat(Files.readString(state)).as("left as it was").isEqualTo(content);
  }

  @Test
  void bytesThatAreNotUtf8_areCorruption() throws Exception {
    Path state = dir.resolve("sandbox.json");
    byte[] head =
        (header(1, 2) + "{\"id\":1,\"details\":{\"firstName\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 4];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xC3; // a lead byte without its continuation
    all[head.length + 1] = '"';
    all[head.length + 2] = '}';
    all[head.length + 3] = '}';
    Files.write(state, all);
    assertThat(corrupt(state).getMessage())
        .contains("line 2: expected a customer, found bytes that are not UTF-8");
  }

  static Stream<Arguments> brokenJournals() {
    return Stream.of(
        Arguments.of(
            "a line in the middle that is not JSON",
            (Consumer<Journal>)
                j -> j.lines.set(1, "{\"stateId\":\"" + j.stateId + "\",\"seq" + SECRET),
            "line 2: expected a change, found text that is not valid JSON"),
        Arguments.of(
            "a whole last line that is not JSON",
            (Consumer<Journal>) j -> j.lines.set(2, "not json " + SECRET),
            "line 3: expected a change, found text that is not valid JSON"),
        Arguments.of(
            "an empty line",
            (Consumer<Journal>) j -> j.lines.add(1, ""),
            "line 2: expected a change"),
        Arguments.of(
            "a line of another state",
            (Consumer<Journal>) j -> j.lines.set(2, j.lines.get(2).replace(j.stateId, ID)),
            "line 3: it belongs to another state"),
        Arguments.of(
            "a change missing",
            (Consumer<Journal>) j -> j.lines.remove(1),
            "line 2: expected change 2, found 3"),
        Arguments.of(
            "a state file older than its journal",
            (Consumer<Journal>) j -> j.lines.remove(0),
            "line 1: expected change 1 to follow the state file's 0, found 2 (was the state file"
                + " replaced by an older copy?)"),
        Arguments.of(
            "a change that does not fit",
            (Consumer<Journal>)
                j -> j.lines.set(2, j.lines.get(2).replace("\"remove\":[1]", "\"remove\":[9]")),
            "line 3: it removes customer 9, who is not stored"));
  }

  /** The three lines a sandbox wrote, to break. */
  static final class Journal {
    final String stateId;
    final List<String> lines;

    Journal(String stateId, List<String> lines) {
      this.stateId = stateId;
      this.lines = lines;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenJournals")
  void aBrokenJournal_isReportedAsCorrupt(String shape, Consumer<Journal> breakage, String what)
      throws Exception {
    Path state = dir.resolve("sandbox.json");
    CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start();
    String stateId = sandbox.stateId();
    sandbox
        .store()
        .upsert(
            UpsertMode.ADD,
            MatchBy.EMAIL,
            List.of(StateFixtures.record(1).toBuilder().email(SECRET).build()));
    sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(2)));
    sandbox.store().delete(io.ecdp.customers.CustomerKey.id(1), false);
    sandbox.abandon();
    Journal j =
        new Journal(
            stateId,
            new java.util.ArrayList<>(Files.readAllLines(journal(state), StandardCharsets.UTF_8)));
    assertThat(j.lines).hasSize(3);
    breakage.accept(j);
    Files.write(journal(state), j.lines, StandardCharsets.UTF_8);
    byte[] journalBytes = Files.readAllBytes(journal(state));

    SandboxStateException e = corrupt(state);
    assertThat(e.file()).isEqualTo(journal(state).toAbsolutePath());
    assertThat(e.getMessage())
        .contains(journal(state).toAbsolutePath().toString())
        .contains(what)
        .contains("Delete the journal to start from the state file")
        .doesNotContainIgnoringCase(SECRET);
    assertThat(Files.readAllBytes(journal(state))).as("left as it was").isEqualTo(journalBytes);
  }

  @Test
  void aCorruptState_releasesItsLock_andStaysCorrupt() throws Exception {
    Path state = dir.resolve("sandbox.json");
    Files.writeString(state, "{}");
    corrupt(state);
    assertThat(corrupt(state).reason())
        .as("not IN_USE")
        .isEqualTo(SandboxStateException.Reason.CORRUPT);
    Files.delete(state);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.store().size()).isZero();
    }
  }

  @Test
  void aStateFileThatIsADirectory_isUnreadable() throws Exception {
    Path state = dir.resolve("sandbox.json");
    Files.createDirectory(state);
    SandboxStateException e =
        catchThrowableOfType(
            SandboxStateException.class, () -> CustomersSandbox.builder().stateFile(state).start());
    assertThat(e.reason()).isEqualTo(SandboxStateException.Reason.UNREADABLE);
    assertThat(e.getMessage()).contains(state.toAbsolutePath().toString());
  }

  private static SandboxStateException corrupt(Path state) {
    SandboxStateException e =
        catchThrowableOfType(
            SandboxStateException.class, () -> CustomersSandbox.builder().stateFile(state).start());
    assertThat(e).as("refused").isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(SandboxStateException.Reason.CORRUPT);
    assertThat(e.getCause()).isNull();
    return e;
  }
}
