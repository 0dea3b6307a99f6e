package io.ecdp.customers.sandbox;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sandbox in a JVM of its own, for the tests that need a second process: {@code import STATE}
 * posts batches of 100 customers over HTTP without end, printing {@code acknowledged N} after the
 * answer to batch N; {@code hold STATE} starts and waits until its input closes; {@code open STATE}
 * starts and stops. Each prints {@code IN_USE message} (or another reason) when the state cannot be
 * used.
 */
public final class StateChild {

  private StateChild() {}

  /**
   * Runs the mode {@code args[0]} on the state file {@code args[1]}.
   *
   * @param args the mode and the state file
   * @throws Exception if it fails
   */
  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[1]);
    CustomersSandbox sandbox;
    try {
      sandbox = CustomersSandbox.builder().stateFile(state).start();
    } catch (SandboxStateException e) {
      System.out.println(e.reason() + " " + e.getMessage());
      System.out.flush();
      return;
    }
    System.out.println("opened " + ProcessHandle.current().pid());
    System.out.flush();
    switch (args[0]) {
      case "import" -> {
        try (CustomersClient client = sandbox.client()) {
          for (int batch = 1; ; batch++) {
            List<CustomerRecord> records = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              records.add(StateFixtures.record(batch * 100 + i));
            }
            client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, records);
            System.out.println("acknowledged " + batch);
            System.out.flush();
          }
        }
      }
      case "hold" -> {
        while (System.in.read() >= 0) {
          // until the parent closes our input
        }
        sandbox.close();
      }
      default -> sandbox.close();
    }
  }
}
