package io.ecdp.customers.verify;

import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.RequestResponseInteraction;
import io.ecdp.customers.verify.internal.Cleanup;
import io.ecdp.customers.verify.internal.Exchange;
import io.ecdp.customers.verify.internal.Gate;
import io.ecdp.customers.verify.internal.Ledger;
import io.ecdp.customers.verify.internal.Masking;
import io.ecdp.customers.verify.internal.PactReplay;
import io.ecdp.customers.verify.internal.Probes;
import io.ecdp.customers.verify.internal.SpecCheck;
import io.ecdp.customers.verify.internal.States;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Verifies a live Customers API against the client's pact and the spec, safely on a production
 * account: every interaction of the pact is replayed through Pact JVM's provider verifier with its
 * provider states set up through the API itself, every exchange is checked against {@code
 * openapi.yaml}, the page's ambiguities are asked of the service, and every customer the run
 * creates (in the reserved {@link Namespace} only) is deleted with anonymization afterwards.
 *
 * <pre>{@code
 * VerificationReport report = LiveVerifier.builder()
 *     .baseUri(URI.create("https://api.ecdp.app"))
 *     .apiKey(System.getenv("ECDP_API_KEY"))
 *     .namespace(Namespace.of("contract-tests.example.com", "ecdp-contract-", "+999"))
 *     .build()
 *     .run();
 * report.writeTo(Path.of("target/contract"));
 * }</pre>
 */
public final class LiveVerifier {

  /** The most requests a run may send: fewer than 100. */
  public static final int MAX_REQUESTS = 99;

  /** The default pace: 2 requests a second. */
  public static final double DEFAULT_RATE = 2.0;

  private static final Namespace READ_ONLY_NAMESPACE =
      Namespace.of("example.invalid", "ecdp-contract-", Namespace.DEFAULT_PHONE_PREFIX);

  private final URI baseUri;
  private final String apiKey;
  private final Namespace namespace;
  private final boolean readOnly;
  private final String customerKind;
  private final String customerValue;
  private final double rate;
  private final int maxRequests;
  private final Path ledgerFile;

  private LiveVerifier(Builder b) {
    this.baseUri = Objects.requireNonNull(b.baseUri, "baseUri");
    this.apiKey = Objects.requireNonNull(b.apiKey, "apiKey");
    this.readOnly = b.readOnly;
    if (b.namespace == null && !readOnly) {
      throw new IllegalArgumentException(
          "namespace: required before anything is written (an e-mail domain and a CRM ID prefix);"
              + " or verify read-only");
    }
    this.namespace = b.namespace == null ? READ_ONLY_NAMESPACE : b.namespace;
    this.customerKind = b.customerKind;
    this.customerValue = b.customerValue;
    this.rate = b.rate;
    this.maxRequests = b.maxRequests;
    this.ledgerFile = Objects.requireNonNull(b.ledger, "ledger");
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LiveVerifier}. */
  public static final class Builder {
    private URI baseUri;
    private String apiKey;
    private Namespace namespace;
    private boolean readOnly;
    private String customerKind;
    private String customerValue;
    private double rate = DEFAULT_RATE;
    private int maxRequests = MAX_REQUESTS;
    private Path ledger = Path.of(".ecdp", "contract", "ledger.ndjson");

    private Builder() {}

    /** Sets the service's base URI, such as {@code https://api.ecdp.app}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = baseUri;
      return this;
    }

    /** Sets the API key; it is sent to the service only, and written nowhere. */
    public Builder apiKey(String apiKey) {
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey: must not be blank");
      }
      this.apiKey = apiKey;
      return this;
    }

    /** Sets the reserved namespace; required unless read-only. */
    public Builder namespace(Namespace namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Makes the run create nothing: only the 401 and 404 probes and the named customer's GET. */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Names a customer a read-only run reads: {@code kind} is {@code id}, {@code email}, {@code
     * phone} or {@code crmId}.
     */
    public Builder customer(String kind, String value) {
      String k = kind.toLowerCase(Locale.ROOT);
      if (!List.of("id", "email", "phone", "crmid").contains(k)) {
        throw new IllegalArgumentException(
            "customer: the kind must be id, email, phone or crmId, not '" + kind + "'");
      }
      this.customerKind = k.equals("crmid") ? "crmId" : k;
      this.customerValue = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Sets the most requests a second (default 2; more than 0, at most 10). */
    public Builder ratePerSecond(double rate) {
      if (!(rate > 0 && rate <= 10)) {
        throw new IllegalArgumentException("rate: must be more than 0 and at most 10, not " + rate);
      }
      this.rate = rate;
      return this;
    }

    /** Sets the most requests of a run, the clean-up's included (default and most: 99). */
    public Builder maxRequests(int maxRequests) {
      if (maxRequests < 10 || maxRequests > MAX_REQUESTS) {
        throw new IllegalArgumentException(
            "max requests: must be 10 to " + MAX_REQUESTS + ", not " + maxRequests);
      }
      this.maxRequests = maxRequests;
      return this;
    }

    /** Sets the ledger file (default {@code .ecdp/contract/ledger.ndjson}). */
    public Builder ledger(Path ledger) {
      this.ledger = ledger;
      return this;
    }

    /** Returns the verifier. */
    public LiveVerifier build() {
      return new LiveVerifier(this);
    }
  }

  /** Runs the verification and returns its report; it never throws for what the service does. */
  public VerificationReport run() {
    long start = System.nanoTime();
    Masking masking = new Masking(apiKey);
    Path work = null;
    try (Ledger ledger = Ledger.open(ledgerFile);
        Gate gate = new Gate(baseUri, apiKey, namespace, ledger, readOnly, rate, maxRequests)) {
      work = Files.createTempDirectory("ecdp-contract");
      Path pact = copy("ecdp-customers-java-ecdp-customers-api.json", work);
      Path spec = copy("openapi.yaml", work);
      States states = new States(namespace, ledger, gate.uri());
      gate.states(states::handle);
      Probes probes = new Probes(gate, namespace, masking);
      List<InteractionResult> results = new ArrayList<>();
      au.com.dius.pact.core.model.Pact loaded = PactReplay.load(pact);
      List<Interaction> interactions = PactReplay.interactions(loaded);
      String reason = null;
      try {
        if (!readOnly && !ledger.outstanding().isEmpty()) {
          Cleanup.run(gate, ledger);
        }
        if (!probes.unauthorized()) {
          reason = "the service at " + baseUri + " could not be reached";
        } else if (readOnly) {
          probes.notFound();
          probes.idAsString();
          probes.crmIdCasing(namespace.crmIdPrefix() + "absent");
          if (customerKind != null) {
            probes.namedCustomer(customerKind, customerValue);
          }
        } else {
          List<Interaction> first =
              interactions.stream()
                  .filter(i -> PactReplay.state(i).equals(States.CUSTOMER_EXISTS))
                  .filter(i -> !PactReplay.method(i).equals("DELETE"))
                  .toList();
          results.addAll(PactReplay.run(loaded, first, gate, states));
          probes.notFound();
          probes.idAsString();
          probes.crmIdCasing(ledger.byEmail(states.existing()).crmId());
          probes.refusedBatch();
          List<Interaction> rest = interactions.stream().filter(i -> !first.contains(i)).toList();
          results.addAll(PactReplay.run(loaded, rest, gate, states));
        }
      } finally {
        if (!readOnly) {
          Cleanup.run(gate, ledger);
        }
        states.close();
      }
      List<Exchange> exchanges = gate.exchanges();
      probes.fromExchanges(exchanges);
      List<Finding> findings = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        InteractionResult r = results.get(i);
        if (r.outcome() == InteractionResult.Outcome.FAILED) {
          Interaction interaction =
              interactions.stream()
                  .filter(x -> x.getDescription().equals(r.description()))
                  .findFirst()
                  .orElseThrow();
          findings.add(
              new Finding(
                  Severity.BREAKING,
                  r.description(),
                  "pact",
                  location(interaction),
                  "the answer the pact expects",
                  masking.text(r.detail())));
        }
      }
      findings.addAll(new SpecCheck(spec, masking).check(exchanges));
      findings.sort(Comparator.comparing(Finding::severity));
      if (reason == null && gate.unreachable()) {
        reason = "the service at " + baseUri + " stopped answering during the run";
      }
      if (reason == null && gate.budgetSpent()) {
        reason = "the budget of " + maxRequests + " requests was spent before the run ended";
      }
      if (reason == null && !gate.refusals().isEmpty()) {
        reason =
            "requests outside the namespace were refused: " + masking.text(gate.refusals().get(0));
      }
      VerificationReport.Outcome outcome =
          reason != null
              ? VerificationReport.Outcome.COULD_NOT_RUN
              : findings.stream().anyMatch(f -> f.severity() == Severity.BREAKING)
                  ? VerificationReport.Outcome.BREAKING_DRIFT
                  : VerificationReport.Outcome.CONFORMS;
      List<InteractionResult> masked =
          results.stream()
              .map(
                  r ->
                      new InteractionResult(r.description(), r.outcome(), masking.text(r.detail())))
              .toList();
      return new VerificationReport(
          baseUri.toString(),
          outcome,
          reason,
          masked,
          findings,
          probes.probes(),
          gate.sent(),
          ledger.size(),
          ledger.outstanding().size(),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(work);
    }
  }

  /**
   * Deletes, with anonymization, every customer the ledger holds that is not gone for good (after a
   * run that was killed); returns how many are still left.
   */
  public static int cleanup(URI baseUri, String apiKey, Namespace namespace, Path ledgerFile) {
    try (Ledger ledger = Ledger.open(ledgerFile);
        Gate gate =
            new Gate(baseUri, apiKey, namespace, ledger, false, DEFAULT_RATE, MAX_REQUESTS)) {
      return Cleanup.run(gate, ledger);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the JSON pointer of the interaction's documented response in the spec. */
  static String location(Interaction interaction) {
    RequestResponseInteraction i = (RequestResponseInteraction) interaction;
    String path = i.getRequest().getPath();
    String template =
        path.equals("/customers")
            ? "/customers"
            : switch (path.split("/", -1)[2]) {
              case "id" -> "/customers/id/{id}";
              case "email" -> "/customers/email/{email}";
              case "phone" -> "/customers/phone/{phone}";
              default -> "/customers/crmId/{crmId}";
            };
    return "#/paths/"
        + template.replace("~", "~0").replace("/", "~1")
        + "/"
        + i.getRequest().getMethod().toLowerCase(Locale.ROOT)
        + "/responses/"
        + i.getResponse().getStatus();
  }

  private static Path copy(String resource, Path dir) throws IOException {
    try (InputStream in = LiveVerifier.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the verifier's jar lacks " + resource);
      }
      Path file = dir.resolve(resource);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind holds only the pact and the spec.
    }
  }
}
