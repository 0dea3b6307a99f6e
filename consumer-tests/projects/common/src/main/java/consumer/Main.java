package consumer;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.util.Optional;

/**
 * A consumer of the client: starts a sandbox, upserts one customer through the client, reads it
 * back, and checks what went over the wire. Prints {@code RESULT name=value} lines on stdout and
 * nothing else; exits non-zero (failing the consumer's build) when a check fails.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    String expectedVersion = System.getProperty("ecdp.expected.version");
    String email = "zofia.consumer@example.com";
    Capture capture = new Capture();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(capture).start();
        CustomersClient client = sandbox.client()) {
      Calls.upsert(client, email, "Zofia");
      Optional<Calls.Found> found = Calls.get(client, email);
      Optional<Calls.Found> missing = Calls.get(client, "nobody.consumer@example.com");

      check(found.isPresent(), "the customer upserted is found");
      check("Zofia".equals(found.get().firstName()), "first name read back: " + found.get());
      check(
          Capture.UNKNOWN_GENDER.equals(found.get().gender()) && !found.get().genderKnown(),
          "an unknown enum value is kept: " + found.get());
      check(missing.isEmpty(), "an unknown customer is an empty Optional");

      check(capture.requestBodies.size() == 1, "one request body: " + capture.requestBodies);
      String body = capture.requestBodies.get(0);
      // JSON-B as the spec names it: no nulls, enum values as the API spells them.
      check(
          body.contains("\"mode\":\"AddOrUpdate\"") && body.contains("\"matchBy\":\"Email\""),
          "the request body is the client's JSON-B: " + body.length() + " chars");
      check(!body.contains("null"), "no null fields are sent");

      String userAgent = capture.userAgents.get(0);
      check(
          expectedVersion == null || userAgent.startsWith("ecdp-customers-java/" + expectedVersion + " "),
          "User-Agent names version " + expectedVersion + ": " + userAgent);

      print("java", System.getProperty("java.version"));
      print("jersey", org.glassfish.jersey.internal.Version.getVersion());
      print("modulePath", String.valueOf(Main.class.getModule().isNamed()));
      print("userAgent", userAgent);
      print("calls", "upsert,get,get");
      print("result", "ok");
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.out.println("RESULT failed=" + what);
      System.exit(1);
    }
  }

  private static void print(String name, String value) {
    System.out.println("RESULT " + name + "=" + value);
  }
}
