package io.ecdp.customers.verify.internal;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.FileSource;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.RequestResponseInteraction;
import au.com.dius.pact.provider.ConsumerInfo;
import au.com.dius.pact.provider.HttpClientFactory;
import au.com.dius.pact.provider.ProviderClient;
import au.com.dius.pact.provider.ProviderInfo;
import au.com.dius.pact.provider.ProviderVerifier;
import au.com.dius.pact.provider.VerificationFailureType;
import au.com.dius.pact.provider.VerificationResult;
import io.ecdp.customers.verify.InteractionResult;
import io.ecdp.customers.verify.InteractionResult.Outcome;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Replays every interaction of the pact through Pact JVM's own provider verifier ({@link
 * ProviderVerifier#verifyInteraction}), against the gate, with the provider states set up by {@link
 * States} through the gate's state URL. Only the order is ours: the interactions that read an
 * existing customer go first, so that one customer serves them all before the deletions begin.
 */
public final class PactReplay {

  /** The consumer that wrote the pact. */
  public static final String CONSUMER = "ecdp-customers-java";

  /** The provider the pact is about. */
  public static final String PROVIDER = "ecdp-customers-api";

  private PactReplay() {}

  /** Reads the pact file. */
  public static Pact load(Path pactFile) {
    return DefaultPactReader.INSTANCE.loadPact(new FileSource(pactFile.toFile(), null));
  }

  /** Returns the pact's interactions, in the order a live run replays them. */
  public static List<Interaction> interactions(Pact pact) {
    List<Interaction> all = new ArrayList<>(pact.getInteractions());
    all.sort(Comparator.comparingInt(PactReplay::rank));
    return all;
  }

  private static int rank(Interaction i) {
    String state = state(i);
    String method = request(i).getMethod().toUpperCase(Locale.ROOT);
    if (state.equals(States.CUSTOMER_EXISTS)) {
      return method.equals("DELETE") ? 1 : 0;
    }
    return 2;
  }

  /** Returns the interaction's (first) provider state, or an empty name. */
  public static String state(Interaction i) {
    return i.getProviderStates().stream().map(ProviderState::getName).findFirst().orElse("");
  }

  private static au.com.dius.pact.core.model.Request request(Interaction i) {
    return ((RequestResponseInteraction) i).getRequest();
  }

  /** Returns whether the interaction's path takes the customer's ID from the provider state. */
  public static boolean needsId(Interaction i) {
    String path = request(i).getPath();
    return path.startsWith("/customers/id/");
  }

  /** Returns the interaction's HTTP method, upper case. */
  public static String method(Interaction i) {
    return request(i).getMethod().toUpperCase(Locale.ROOT);
  }

  /** Verifies the interactions against the gate, one by one; the gate names each step. */
  public static List<InteractionResult> run(
      Pact pact, List<Interaction> interactions, Gate gate, States states) {
    ProviderInfo provider = new ProviderInfo(PROVIDER);
    provider.setProtocol("http");
    provider.setHost("127.0.0.1");
    provider.setPort(gate.port());
    provider.setPath("/");
    try {
      provider.setStateChangeUrl(new URL(gate.uri() + Gate.STATE_PATH));
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    provider.setStateChangeUsesBody(true);
    provider.setStateChangeTeardown(true);
    ConsumerInfo consumer = new ConsumerInfo(CONSUMER);
    ProviderVerifier verifier = new ProviderVerifier();
    verifier.setReporters(List.of());
    ProviderClient client = new ProviderClient(provider, new HttpClientFactory());
    List<InteractionResult> results = new ArrayList<>();
    for (Interaction interaction : interactions) {
      String description = interaction.getDescription();
      gate.step(description);
      if (needsId(interaction) && !states.idAvailable(state(interaction), method(interaction))) {
        results.add(
            new InteractionResult(
                description,
                Outcome.SKIPPED,
                "needs a customer's ID, and the service gave none when the customer was added"
                    + " (no body on 201, D7; no id in a GET's data)"));
        continue;
      }
      Map<String, Object> failures = new HashMap<>();
      VerificationResult result =
          verifier.verifyInteraction(provider, consumer, failures, interaction, pact, null, client);
      if (result instanceof VerificationResult.Failed failed) {
        results.add(new InteractionResult(description, Outcome.FAILED, describe(failed, failures)));
      } else {
        results.add(new InteractionResult(description, Outcome.PASSED, ""));
      }
    }
    return results;
  }

  private static String describe(VerificationResult.Failed failed, Map<String, Object> failures) {
    String mismatches =
        failed.getFailures().values().stream()
            .flatMap(List::stream)
            .map(VerificationFailureType::description)
            .map(String::strip)
            .distinct()
            .collect(Collectors.joining("; "));
    if (!mismatches.isEmpty()) {
      return mismatches;
    }
    return failures.values().stream()
        .map(
            v ->
                v instanceof Throwable t
                    ? t.getClass().getSimpleName() + ": " + t.getMessage()
                    : String.valueOf(v))
        .collect(Collectors.joining("; "));
  }
}
