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
import io.ecdp.customers.resilience.FaultServer.Fault;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            logged.add(
                record.getLoggerName()
                    + " "
                    + new java.util.logging.SimpleFormatter().formatMessage(record));
            if (record.getThrown() != null) {
              logged.add(String.valueOf(record.getThrown()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    root.setLevel(Level.ALL);
    root.addHandler(capture);
    // Everything at its finest, but the HTTP transport's own wire and header debug loggers
    // (Apache HttpClient: org.apache.hc.client5.http.headers/.wire and the exec chain's request
    // lines), which print what is sent, key and path included: a documented limit (README).
    Logger transport = Logger.getLogger("org.apache.hc");
    transport.setLevel(Level.INFO);
    List<String> texts = new ArrayList<>();
    int checked = 0;
    try (FaultServer server = new FaultServer();
        CustomersClient client = FaultMatrixIT.client(server.uri().toString())) {
      texts.add(client.toString());
      for (Fault fault : Fault.values()) {
        server.fault(fault);
        for (Operation op : Operation.values()) {
          try {
            op.call.apply(client.customers());
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
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
      transport.setLevel(null);
    }
    assertThat(logged)
        .as("the client logged at debug level")
        .anySatisfy(l -> assertThat(l).contains("/customers/email/{email}"));
    List<String> everything = new ArrayList<>(texts);
    everything.addAll(logged);
    for (String text : everything) {
      for (String secret : Secrets.FORBIDDEN) {
        assertThat(text).doesNotContain(secret);
      }
    }
    Figures.write(
        "secrets",
        Map.of("callsChecked", checked, "linesScanned", everything.size(), "leaksFound", 0));
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
                n.toLowerCase().contains("trust")
                    || n.toLowerCase().contains("verif")
                    || n.toLowerCase().contains("insecuretls"));
  }
}
