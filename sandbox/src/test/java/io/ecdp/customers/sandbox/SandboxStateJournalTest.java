package io.ecdp.customers.sandbox;

import static io.ecdp.customers.sandbox.StateFixtures.journal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal: every change is in it before its call returns, so a sandbox that never closes (a
 * killed process) loses nothing it acknowledged.
 */
class SandboxStateJournalTest {

  @TempDir Path dir;

  @Test
  void everyKindOfChange_survivesASandboxThatWasNeverClosed() throws Exception {
    Path state = dir.resolve("sandbox.json");
    List<SandboxStore.Entry> before;
    int nextId;
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      StateFixtures.fill(sandbox.store(), 0, 2_000);
    }
    byte[] snapshot = Files.readAllBytes(state);
    CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start();
    SandboxStore store = sandbox.store();
    StateFixtures.fill(store, 1_000, 3_000); // 1,000 updated, 1,000 new
    store.delete(CustomerKey.id(5), true);
    store.delete(CustomerKey.id(6), false);
    // put replaces the customers holding its identifiers
    store.put(
        0,
        StateFixtures.everyField(StateFixtures.record(7).email()).toBuilder()
            .phone(StateFixtures.record(8).phone())
            .build(),
        null);
    store.upsert(
        UpsertMode.ADD_OR_UPDATE,
        MatchBy.EMAIL,
        List.of(StateFixtures.record(9).toBuilder().firstName("Changed").build()));
    before = store.snapshot();
    nextId = store.nextId();
    long sequence = sandbox.stateSequence();
    sandbox.abandon();
    assertThat(Files.readAllBytes(state)).as("the snapshot was not rewritten").isEqualTo(snapshot);
    assertThat(Files.size(journal(state))).isPositive();

    try (CustomersSandbox again = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(again.store().snapshot()).isEqualTo(before);
      assertThat(again.store().nextId()).isEqualTo(nextId);
      assertThat(again.stateSequence()).isEqualTo(sequence);
      assertThat(again.store().indexesConsistent()).isTrue();
    }
    assertThat(Files.size(journal(state))).as("folded into the snapshot at close").isZero();
    try (CustomersSandbox again = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(again.store().snapshot()).isEqualTo(before);
    }
  }

  @Test
  void clearAndRestore_survive_too() throws Exception {
    Path state = dir.resolve("sandbox.json");
    CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start();
    StateFixtures.fill(sandbox.store(), 0, 10);
    List<SandboxStore.Entry> ten = sandbox.store().snapshot();
    sandbox.store().clear();
    sandbox.abandon();
    try (CustomersSandbox again = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(again.store().size()).isZero();
      assertThat(again.store().nextId()).isEqualTo(1);
      again.store().restore(ten);
      assertThat(Files.size(journal(state))).as("a restore is written as a snapshot").isZero();
      again.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(50)));
      again.abandon();
    }
    try (CustomersSandbox again = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(again.store().size()).isEqualTo(11);
      assertThat(again.store().snapshot().subList(0, 10)).isEqualTo(ten);
      assertThat(again.stateSequence()).isEqualTo(4);
    }
  }

  @Test
  void aTornLastLine_isDropped_andTheNextChangeFollowsTheLastWholeOne() throws Exception {
    Path state = dir.resolve("sandbox.json");
    CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start();
    StateFixtures.fill(sandbox.store(), 0, 3_000);
    String stateId = sandbox.stateId();
    sandbox.abandon();
    long whole = Files.size(journal(state));
    // Killed in the middle of writing the fourth change: never acknowledged.
    Files.writeString(
        journal(state),
        "{\"stateId\":\"" + stateId + "\",\"sequence\":4,\"nextId\":3002,\"put\":[{\"id\":3001,",
        StandardOpenOption.APPEND);

    sandbox = CustomersSandbox.builder().stateFile(state).start();
    assertThat(sandbox.store().size()).isEqualTo(3_000);
    assertThat(sandbox.stateSequence()).isEqualTo(3);
    assertThat(Files.size(journal(state))).as("the torn line was cut off").isEqualTo(whole);
    sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(3_000)));
    sandbox.abandon();

    try (CustomersSandbox again = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(again.store().size()).isEqualTo(3_001);
      assertThat(again.stateSequence()).isEqualTo(4);
    }
  }

  @Test
  void aLargeJournal_isFoldedIntoTheSnapshot_withoutLosingAChange() throws Exception {
    Path state = dir.resolve("sandbox.json");
    CustomersSandbox sandbox =
        CustomersSandbox.builder().stateFile(state).journalCompactionBytes(64 << 10).start();
    long biggestJournal = 0;
    long biggestLimit = 0;
    int compactions = 0;
    long lastJournal = 0;
    for (int i = 0; i < 300; i++) {
      List<CustomerRecord> batch = new ArrayList<>();
      for (int j = 0; j < 10; j++) {
        batch.add(StateFixtures.record(i * 7 + j)); // overlapping: updates and additions
      }
      sandbox.store().upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.EMAIL, batch);
      long journalSize = Files.size(journal(state));
      if (journalSize < lastJournal) {
        compactions++;
      }
      lastJournal = journalSize;
      biggestJournal = Math.max(biggestJournal, journalSize);
      biggestLimit = Math.max(biggestLimit, Math.max(64 << 10, 2 * Files.size(state)));
    }
    assertThat(compactions).isGreaterThan(1);
    assertThat(biggestJournal).isLessThanOrEqualTo(biggestLimit);
    List<SandboxStore.Entry> before = sandbox.store().snapshot();
    assertThat(sandbox.stateSequence()).isEqualTo(300);
    sandbox.abandon();
    try (CustomersSandbox again = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(again.store().snapshot()).isEqualTo(before);
      assertThat(again.stateSequence()).isEqualTo(300);
    }
  }

  @Test
  void concurrentWritersOverHttp_endInTheStateTheJournalReplays() throws Exception {
    Path state = dir.resolve("sandbox.json");
    CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start();
    List<SandboxStore.Entry> before;
    try (CustomersClient client = sandbox.client()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 30; round++) {
                    List<CustomerRecord> batch = new ArrayList<>();
                    for (int c = 0; c < 5; c++) {
                      batch.add(
                          StateFixtures.record(writer * 10 + c).toBuilder()
                              .firstName("round-" + round)
                              .build());
                    }
                    client.customers().upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.EMAIL, batch);
                    client
                        .customers()
                        .delete(CustomerKey.email(StateFixtures.record(writer * 10 + 9).email()));
                    client
                        .customers()
                        .upsert(
                            UpsertMode.ADD_OR_UPDATE,
                            MatchBy.EMAIL,
                            List.of(StateFixtures.record(writer * 10 + 9)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown(); // every task has ended
      before = sandbox.store().snapshot();
    }
    sandbox.abandon();
    try (CustomersSandbox again = CustomersSandbox.builder().stateFile(state).start()) {
      assertThat(again.store().snapshot()).isEqualTo(before);
      // each writer's first delete finds nobody, and changes nothing
      assertThat(again.stateSequence()).isEqualTo(8 * (30 * 3 - 1));
    }
  }

  @Test
  void aSandboxKilledWithSigkill_keepsEveryBatchItAcknowledged() throws Exception {
    Path state = dir.resolve("sandbox.json");
    Process child = StateFixtures.child("import", state.toString());
    int acknowledged = 40;
    StringBuilder seen = new StringBuilder();
    try (BufferedReader out = StateFixtures.output(child)) {
      String line = StateFixtures.awaitLine(out, "acknowledged " + acknowledged, seen);
      assertThat(line).as(seen.toString()).isNotNull();
      child.destroyForcibly(); // SIGKILL, with more batches on the way
      child.waitFor();
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start()) {
      SandboxStore store = sandbox.store();
      for (int batch = 1; batch <= acknowledged; batch++) {
        for (int i = 0; i < 100; i++) {
          String email = StateFixtures.record(batch * 100 + i).email();
          assertThat(store.find(CustomerKey.email(email))).as("batch %d", batch).isPresent();
        }
      }
      assertThat(store.size() % 100).as("whole batches only").isZero();
      assertThat(sandbox.stateSequence()).isGreaterThanOrEqualTo(acknowledged);
      assertThat(sandbox.stateSequence()).isEqualTo(store.size() / 100);
    }
  }

  @Test
  void journalLines_holdTheChangesInOrder() throws Exception {
    Path state = dir.resolve("sandbox.json");
    CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(state).start();
    sandbox.store().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(StateFixtures.record(1)));
    sandbox.store().delete(CustomerKey.id(1), false);
    String stateId = sandbox.stateId();
    sandbox.abandon();
    List<String> lines = Files.readAllLines(journal(state), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith(
            "{\"stateId\":\"" + stateId + "\",\"sequence\":1,\"nextId\":2,\"put\":[{\"id\":1,");
    assertThat(lines.get(1))
        .isEqualTo("{\"stateId\":\"" + stateId + "\",\"sequence\":2,\"nextId\":2,\"remove\":[1]}");
  }
}
