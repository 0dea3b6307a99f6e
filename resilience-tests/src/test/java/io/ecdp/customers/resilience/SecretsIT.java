package io.ecdp.customers.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.resilience.FaultServer.Fault;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * With logging at its most verbose through every fault, the API key never appears in logs,
 * exception messages or {@code toString}, and e-mail addresses and phone numbers appear only
 * redacted; plain http off loopback is refused; TLS verification is on and cannot be switched off
 * by a setting.
 */
class SecretsIT {

  @Test
  void everyFault_atTheMostVerboseLevel_leaksNoKeyAndNoPersonalData() throws Exception {
    List<String> texts = new ArrayList<>();
    List<AllOutput.Line> logged;
    int checked = 0;
    try (AllOutput output = new AllOutput();
        FaultServer server = new FaultServer();
        CustomersClient client = FaultMatrixIT.client(server.uri().toString())) {
      texts.add(client.toString());
      for (Fault fault : Fault.values()) {
        server.fault(fault);
        for (Operation op : Operation.values()) {
          try {
            op.call.accept(client.customers());
          } catch (EcdpException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
              texts.add(String.valueOf(t.getMessage()));
              texts.add(t.toString());
            }
            if (e instanceof EcdpServiceException answered) {
              answered.problem().ifPresent(p -> texts.add(p.toString()));
            }
          }
          checked++;
        }
      }
      logged = output.lines();
    }
    assertThat(logged)
        .as("the client logged at debug level")
        .anySatisfy(l -> assertThat(l.text()).contains("/customers/email/{email}"));
    List<String> everything = new ArrayList<>(texts);
    for (AllOutput.Line line : logged) {
      // The one place personal data is known to appear: HttpClient's exec chain logs the request
      // line of each exchange at DEBUG (client/README.md, Logging). The key never does.
      boolean requestLine =
          (line.source().endsWith(".MainClientExec") || line.source().equals(AllOutput.STREAMS))
              && REQUEST_LINE_LOG.matcher(line.text()).find();
      if (!requestLine) {
        everything.add(line.text());
      } else {
        assertThat(line.text()).doesNotContain(Secrets.API_KEY);
      }
    }
    for (String text : everything) {
      for (String secret : Secrets.FORBIDDEN) {
        assertThat(text).doesNotContain(secret);
      }
    }
    Figures.write(
        "secrets",
        Map.of("callsChecked", checked, "linesScanned", everything.size(), "leaksFound", 0));
  }

  /** HttpClient's MainClientExec: {@code ex-0000000003 executing GET /customers/email/...}. */
  private static final Pattern REQUEST_LINE_LOG =
      Pattern.compile("^(.*\\.MainClientExec - )?ex-\\d+ executing [A-Z]+ /customers/\\S+$");

  /**
   * One POST and one GET that succeed and one GET that fails, with every SLF4J logger (through a
   * real binding, logback) at TRACE and every java.util.logging logger at ALL: the API key is in
   * none of the output, and the e-mail address and phone number only where the table below says.
   */
  @Test
  void postGetAndAFailingCall_everyLoggerAtTrace_theKeyIsNowhere() throws Exception {
    List<AllOutput.Line> lines;
    // Jersey's LoggingFeature (headers and bodies at INFO) as a user would try to switch it on
    // without code: it is an auto-discoverable feature, which the client's Jersey never runs.
    Map<String, String> jerseyLogging =
        Map.of(
            "jersey.config.allowSystemPropertiesProvider", "true",
            "jersey.config.client.logging.logger.level", "INFO",
            "jersey.config.client.logging.verbosity", "PAYLOAD_ANY",
            "jersey.config.logging.logger.level", "INFO",
            "jersey.config.logging.verbosity", "PAYLOAD_ANY");
    jerseyLogging.forEach(System::setProperty);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().apiKeys(Secrets.API_KEY).start();
        FaultServer failing = new FaultServer();
        AllOutput output = new AllOutput()) {
      try (CustomersClient client = quietClient(sandbox.uri().toString())) {
        client
            .customers()
            .upsert(
                UpsertMode.ADD,
                MatchBy.EMAIL,
                List.of(
                    CustomerRecord.builder().email(Secrets.EMAIL).phone(Secrets.PHONE).build()));
        assertThat(client.customers().get(CustomerKey.email(Secrets.EMAIL)).customer()).isPresent();
      }
      failing.fault(Fault.PROBLEM_500);
      try (CustomersClient client = quietClient(failing.uri().toString())) {
        assertThatThrownBy(
                () -> client.customers().get(CustomerKey.phone(Secrets.PHONE)).customer())
            .isInstanceOf(EcdpException.class);
      }
      lines = output.lines();
    } finally {
      jerseyLogging.keySet().forEach(System::clearProperty);
    }
    assertThat(lines)
        .as("Jersey's LoggingFeature stayed off")
        .noneSatisfy(l -> assertThat(l.source()).startsWith("org.glassfish.jersey.logging"));
    assertThat(lines)
        .as("Jersey logged at FINEST through java.util.logging")
        .anySatisfy(l -> assertThat(l.source()).startsWith("org.glassfish.jersey"));
    assertThat(lines)
        .as("HttpClient logged at TRACE through logback")
        .anySatisfy(l -> assertThat(l.source()).startsWith("org.apache.hc.client5"));
    Map<String, Integer> key = occurrences(lines, Secrets.API_KEY);
    Map<String, Integer> email = occurrences(lines, "adam.kowalski");
    Map<String, Integer> phone = occurrences(lines, "501234567");
    assertThat(key).as("the API key, by logger").isEmpty();
    // Only HttpClient's request line of the GET by e-mail (and by phone), at DEBUG in
    // MainClientExec, and its echo by the console appender of logback-test.xml. Headers and
    // bodies, which hold them too (and the key), are not logged at all.
    String requestLines = "org.apache.hc.client5.http.impl.classic.MainClientExec";
    assertThat(email)
        .as("the e-mail address (any form), by logger")
        .isEqualTo(Map.of(requestLines, 1, AllOutput.STREAMS, 1));
    assertThat(phone)
        .as("the phone number (any form), by logger")
        .isEqualTo(Map.of(requestLines, 1, AllOutput.STREAMS, 1));
  }

  private static CustomersClient quietClient(String uri) {
    return CustomersClient.builder()
        .apiKey(Secrets.API_KEY)
        .baseUri(uri)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  /** Counts the occurrences of {@code text} in the lines, by the source of the line. */
  private static Map<String, Integer> occurrences(List<AllOutput.Line> lines, String text) {
    Map<String, Integer> found = new TreeMap<>();
    for (AllOutput.Line line : lines) {
      int n = 0;
      for (int at = line.text().indexOf(text); at >= 0; at = line.text().indexOf(text, at + 1)) {
        n++;
      }
      if (n > 0) {
        found.merge(line.source(), n, Integer::sum);
      }
    }
    return found;
  }

  @Test
  void plainHttpOffLoopback_isRefused_unlessExplicitlyAllowed() {
    assertThatThrownBy(
            () ->
                CustomersClient.builder()
                    .apiKey(Secrets.API_KEY)
                    .baseUri("http://api.ecdp.app")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(Secrets.API_KEY);
  }

  @Test
  void tlsVerification_isOn_aSelfSignedServerIsRefused() throws Exception {
    Path dir = Files.createDirectories(Path.of(System.getProperty("ecdp.target"), "tls"));
    Path keystore = dir.resolve("self-signed.p12");
    Files.deleteIfExists(keystore);
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    https.start();
    try (CustomersClient client =
        CustomersClient.builder()
            .apiKey(Secrets.API_KEY)
            .baseUri("https://127.0.0.1:" + https.getAddress().getPort())
            .retryPolicy(RetryPolicy.none())
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      assertThatThrownBy(() -> client.customers().delete(CustomerKey.id(12)))
          .isInstanceOfSatisfying(
              ConnectionException.class,
              e -> assertThat(e.requestSent()).as("nothing was sent").isFalse());
    } finally {
      https.stop(0);
    }
    assertThat(
            java.util.Arrays.stream(CustomersClient.Builder.class.getMethods())
                .map(java.lang.reflect.Method::getName))
        .as("no builder setting switches verification off")
        .noneMatch(
            n ->
                n.toLowerCase(Locale.ROOT).contains("trust")
                    || n.toLowerCase(Locale.ROOT).contains("verif")
                    || n.toLowerCase(Locale.ROOT).contains("insecuretls"));
  }
}
