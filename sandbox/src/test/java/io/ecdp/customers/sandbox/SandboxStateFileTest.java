package io.ecdp.customers.sandbox;

import static io.ecdp.customers.sandbox.StateFixtures.journal;
import static io.ecdp.customers.sandbox.StateFixtures.lock;
import static io.ecdp.customers.sandbox.StateFixtures.mode;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.BufferedReader;
import java.io.Writer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file: its format, size, round trip, identity, sequence and file modes. */
class SandboxStateFileTest {

  @TempDir Path dir;

  /**
   * Customers enough for a state file well past Parsson's old limit of 15,000,000 characters (about
   * 20 MB in either format); the 1,000,000-customer figures come from {@code SandboxStateCost}.
   */
  private static final int MANY = 50_000;

  @Test
  void aStateFarBeyondTheOldLimit_isSavedAndLoadedWhole() throws Exception {
    Path state = dir.resolve("sandbox.json");
    List<SandboxStore.Entry> saved;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      StateFixtures.fill(sandbox.store(), 0, MANY);
      saved = sandbox.store().snapshot();
    }
    assertThat(Files.size(state)).isGreaterThan(15_000_000L);
    assertThat(Files.size(journal(state))).as("emptied at close").isZero();
    try (BufferedReader in = Files.newBufferedReader(state)) {
      assertThat(in.readLine())
          .startsWith("{\"format\":\"ecdp-sandbox-state\",\"version\":2,\"stateId\":\"")
          .endsWith(",\"sequence\":50,\"nextId\":50001,\"customers\":50000}");
      assertThat(in.lines().count()).isEqualTo(MANY);
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.store().size()).isEqualTo(MANY);
      assertThat(sandbox.store().snapshot()).isEqualTo(saved);
      assertThat(sandbox.store().indexesConsistent()).isTrue();
      assertThat(sandbox.store().find(CustomerKey.email("CUSTOMER.0049999@example.com")))
          .as("identifiers are indexed again")
          .isPresent();
    }
  }

  @Test
  void theOldFormat_isStillRead_evenFarBeyondTheOldLimit_andRewrittenAtTheNextSave()
      throws Exception {
    Path state = dir.resolve("sandbox.json");
    SandboxStore original = new SandboxStore();
    StateFixtures.fill(original, 0, MANY);
    original.put(0, StateFixtures.everyField("every@example.com"), "visitor-1");
    original.delete(CustomerKey.id(17), true);
    List<SandboxStore.Entry> entries = original.snapshot();
    writeOldFormat(state, entries);
    assertThat(Files.size(state)).isGreaterThan(15_000_000L);
    byte[] old = Files.readAllBytes(state);

    String stateId;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.store().snapshot()).isEqualTo(entries);
      assertThat(sandbox.store().nextId()).isEqualTo(MANY + 2);
      assertThat(sandbox.stateSequence()).isZero();
      stateId = sandbox.stateId();
      assertThat(UUID.fromString(stateId)).isNotNull();
    }
    assertThat(Files.readAllBytes(state)).as("a run that changed nothing").isEqualTo(old);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateId()).as("the same old file, the same identity").isEqualTo(stateId);
      sandbox.store().delete(CustomerKey.id(18), false);
    }
    try (BufferedReader in = Files.newBufferedReader(state)) {
      assertThat(in.readLine()).startsWith("{\"format\":\"ecdp-sandbox-state\",\"version\":2,");
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateId()).as("kept by the rewrite").isEqualTo(stateId);
      assertThat(sandbox.stateSequence()).isEqualTo(1);
      assertThat(sandbox.store().size()).isEqualTo(MANY);
    }
  }

  @Test
  void roundTrip_keepsEveryField_anonymizedCustomers_andTheNextId() throws Exception {
    Path state = dir.resolve("sandbox.json");
    List<SandboxStore.Entry> before;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      SandboxStore store = sandbox.store();
      store.put(0, StateFixtures.everyField("every@example.com"), "visitor-1");
      store.put(
          40,
          StateFixtures.everyField("anonymous@example.com").toBuilder()
              .phone("+48601111111")
              .build(),
          "visitor-2");
      store.upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
      store.upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(2)));
      assertThat(store.delete(CustomerKey.id(40), true)).isTrue();
      assertThat(store.delete(CustomerKey.id(42), false)).as("the highest ID").isTrue();
      before = store.snapshot();
      assertThat(store.nextId()).isEqualTo(43);
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      SandboxStore store = sandbox.store();
      assertThat(store.snapshot()).isEqualTo(before);
      assertThat(store.snapshot().get(1).anonymized()).isTrue();
      assertThat(store.find(CustomerKey.id(40)).orElseThrow().totalSpent())
          .as("an anonymized customer keeps its figures")
          .isEqualTo(new java.math.BigDecimal("1234.50"));
      assertThat(store.find(CustomerKey.email("anonymous@example.com"))).isEmpty();
      assertThat(store.find(CustomerKey.crmId("crm-every@example.com"))).isPresent();
      assertThat(store.upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(3))))
          .isEmpty();
      assertThat(store.find(CustomerKey.email(StateFixtures.record(3).email())))
          .as("the next ID was kept, not taken from the highest stored one")
          .isPresent();
      assertThat(store.snapshot().get(store.size() - 1).id()).isEqualTo(43);
    }
  }

  @Test
  void stateId_isKeptAcrossRestarts_andNewWhenTheFileWasDeleted() throws Exception {
    Path state = dir.resolve("sandbox.json");
    String first;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      first = sandbox.stateId();
      sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateId()).isEqualTo(first);
      sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(2)));
      sandbox.abandon(); // killed: the change is in the journal only
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateId()).isEqualTo(first);
      assertThat(sandbox.store().size()).isEqualTo(2);
      sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(3)));
      sandbox.abandon();
    }
    Files.delete(state); // the journal is left behind
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateId()).isNotEqualTo(first);
      assertThat(sandbox.stateSequence()).isZero();
      assertThat(sandbox.store().size())
          .as("a journal without its state file is not replayed into a new state")
          .isZero();
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      assertThat(sandbox.stateId()).as("no state file").isNull();
    }
  }

  @Test
  void stateSequence_countsDurableChanges_andNeverGoesBackAcrossRestarts() throws Exception {
    Path state = dir.resolve("sandbox.json");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateSequence()).isZero();
      SandboxStore store = sandbox.store();
      store.upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
      assertThat(store.upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1))))
          .as("refused")
          .isNotEmpty();
      assertThat(store.delete(CustomerKey.id(99), false)).as("nobody").isFalse();
      assertThat(sandbox.stateSequence()).as("refusals change nothing").isEqualTo(1);
      store.put(0, StateFixtures.everyField("every@example.com"), null);
      store.delete(CustomerKey.id(1), true);
      store.clear();
      store.restore(List.of());
      assertThat(sandbox.stateSequence()).isEqualTo(5);
    }
    long last;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateSequence()).isEqualTo(5);
      sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(2)));
      last = sandbox.stateSequence();
      assertThat(last).isEqualTo(6);
      sandbox.abandon();
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.stateSequence()).as("from the journal").isEqualTo(last);
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
      assertThat(sandbox.stateSequence())
          .as("without a state file: the store's own count")
          .isEqualTo(sandbox.store().modifications())
          .isEqualTo(1);
    }
  }

  @Test
  void files_areTheOwnersOnly_andSoAreTheDirectoriesMadeForThem() throws Exception {
    Path state = dir.resolve("made/for/it/sandbox.json");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(mode(state)).isEqualTo("rw-------");
      assertThat(mode(journal(state))).isEqualTo("rw-------");
      assertThat(mode(lock(state))).isEqualTo("rw-------");
      sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
    }
    assertThat(mode(state)).as("the snapshot written at close").isEqualTo("rw-------");
    assertThat(mode(dir.resolve("made"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("made/for/it"))).isEqualTo("rwx------");
    assertThat(Files.readString(lock(state)).strip())
        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    try (var files = Files.list(state.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("sandbox.json", "sandbox.json.journal", "sandbox.json.lock");
    }
  }

  @Test
  void aRecordWithEveryField_postedOverHttp_survivesTheRoundTrip() throws Exception {
    Path state = dir.resolve("sandbox.json");
    CustomerRecord full =
        StateFixtures.record(5).toBuilder()
            .visitorId("visitor-5")
            .consentsData(
                io.ecdp.customers.model.ConsentsData.builder()
                    .consents(
                        List.of(
                            io.ecdp.customers.model.Consent.builder()
                                .id(3)
                                .value(io.ecdp.customers.model.ConsentValue.AWAITING_CONFIRMATION)
                                .build()))
                    .build())
            .build();
    List<SandboxStore.Entry> before;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start();
        var client = sandbox.client()) {
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(full));
      before = sandbox.store().snapshot();
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(sandbox.store().snapshot()).isEqualTo(before);
      assertThat(before.get(0).visitorId()).isEqualTo("visitor-5");
    }
  }

  /** Writes {@code entries} as the sandbox did before the state file had a header. */
  static void writeOldFormat(Path state, List<SandboxStore.Entry> entries) throws Exception {
    Type type =
        new ParameterizedType() {
          @Override
          public Type[] getActualTypeArguments() {
            return new Type[] {SandboxStore.Entry.class};
          }

          @Override
          public Type getRawType() {
            return List.class;
          }

          @Override
          public Type getOwnerType() {
            return null;
          }
        };
    Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    try (Writer out = Files.newBufferedWriter(state, StandardCharsets.UTF_8)) {
      jsonb.toJson(entries, type, out);
    } finally {
      jsonb.close();
    }
  }
}
