package consumer.boot;

import io.ecdp.customers.sandbox.CustomersSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the service against a sandbox it starts and never closes: configured only through the
 * starter's properties, it upserts and reads back a customer, calls its own Jersey API, and closes
 * its context. The JVM then exits on its own (the sandbox's threads are daemons), or the build
 * hangs. Prints RESULT lines and nothing else: startup logs no warning (root level WARN).
 */
public final class BootMain {

  private BootMain() {}

  public static void main(String[] args) throws Exception {
    CustomersSandbox sandbox = CustomersSandbox.builder().start();
    String email = "zofia.boot@example.com";
    try (ConfigurableApplicationContext context =
        SpringApplication.run(
            BootApp.class,
            "--ecdp.customers.base-uri=" + sandbox.uri(),
            "--ecdp.customers.api-key=" + sandbox.apiKey(),
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN")) {
      BootApp.Customers customers = context.getBean(BootApp.Customers.class);
      customers.add(email, "Zofia");
      Optional<String> firstName = customers.find(email).map(d -> d.firstName());
      boolean missing = customers.find("nobody.boot@example.com").isEmpty();
      check(firstName.equals(Optional.of("Zofia")), "first name read back: " + firstName);
      check(missing, "an unknown customer is an empty Optional");
      check(sandbox.store().size() == 1, "the sandbox stored one customer");
      // The port the web server took (Boot 3.5 and 4.x alike).
      String port = context.getEnvironment().getProperty("local.server.port");
      String pong =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      check("pong".equals(pong), "the service's own API answers: " + pong);
      print("java", System.getProperty("java.version"));
      print("springBoot", SpringBootVersion.getVersion());
      print("jersey", org.glassfish.jersey.internal.Version.getVersion());
      print("ownApi", pong);
      print("calls", "upsert,get,get");
      print("result", "ok");
    }
    // The sandbox is left running on purpose: its threads must not keep the JVM alive.
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
