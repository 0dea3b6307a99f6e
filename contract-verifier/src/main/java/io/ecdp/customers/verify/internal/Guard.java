package io.ecdp.customers.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecdp.customers.verify.Namespace;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before a request is sent, whether a verification may send it: reads go anywhere, but a
 * write (POST) or a DELETE must stay in the reserved namespace, and no consent may be set to {@code
 * AwaitingConfirmation} (the vendor would e-mail the customer). Every request of a run passes here:
 * Pact's replays, the provider states, the probes and the clean-up.
 */
public final class Guard {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Namespace namespace;
  private final Ledger ledger;
  private final boolean readOnly;

  /**
   * Guards requests to the namespace; IDs count as the namespace's only when the ledger holds them.
   * A read-only guard refuses every request but a GET.
   */
  public Guard(Namespace namespace, Ledger ledger, boolean readOnly) {
    this.namespace = namespace;
    this.ledger = ledger;
    this.readOnly = readOnly;
  }

  /** A request path of the Customers API: {@code /customers} or {@code /customers/kind/value}. */
  public record Target(String kind, String value) {

    /** Reads a decoded path, or returns empty when it is no operation of the Customers API. */
    public static Optional<Target> of(String path) {
      if (path.equals("/customers")) {
        return Optional.of(new Target(null, null));
      }
      String[] parts = path.split("/", -1);
      if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("customers")) {
        String kind = parts[2].toLowerCase(Locale.ROOT);
        if (List.of("id", "email", "phone", "crmid").contains(kind) && !parts[3].isEmpty()) {
          return Optional.of(new Target(kind, parts[3]));
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Returns why the request may not be sent, or empty when it may.
   *
   * @param method the HTTP method
   * @param path the path, percent-decoded
   * @param query the query's parameters
   * @param body the request body, or an empty array
   */
  public Optional<String> refusal(
      String method, String path, Map<String, List<String>> query, byte[] body) {
    Optional<Target> target = Target.of(path);
    if (target.isEmpty()) {
      return Optional.of(method + " " + path + " is no operation of the Customers API");
    }
    Target t = target.get();
    String m = method.toUpperCase(Locale.ROOT);
    if (m.equals("GET") && t.kind() != null) {
      return Optional.empty();
    }
    if (readOnly) {
      return Optional.of("a read-only run sends only GET, not " + m);
    }
    if (m.equals("DELETE") && t.kind() != null) {
      return owns(t.kind(), t.value())
          ? Optional.empty()
          : Optional.of("DELETE of a customer outside the namespace (" + t.kind() + ")");
    }
    if (m.equals("POST") && t.kind() == null) {
      return batchRefusal(body);
    }
    return Optional.of(m + " " + path + " is no operation of the Customers API");
  }

  private boolean owns(String kind, String value) {
    return switch (kind) {
      case "email" -> namespace.ownsEmail(value);
      case "crmid" -> namespace.ownsCrmId(value);
      case "phone" -> namespace.ownsPhone(value);
      case "id" -> isInt(value) && ledger.ownsId(Integer.parseInt(value));
      default -> false;
    };
  }

  private static boolean isInt(String value) {
    try {
      Integer.parseInt(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private Optional<String> batchRefusal(byte[] body) {
    JsonNode batch;
    try {
      batch = JSON.readTree(body);
    } catch (IOException e) {
      return Optional.of("a POST body that is not JSON cannot be checked against the namespace");
    }
    if (batch == null || !batch.path("data").isArray()) {
      return Optional.of(
          "a POST body without a data array cannot be checked against the namespace");
    }
    if (mentionsAwaitingConfirmation(batch)) {
      return Optional.of(
          "a consent set to AwaitingConfirmation (the vendor would e-mail the customer)");
    }
    String field =
        switch (batch.path("matchBy").asText()) {
          case "Email" -> "email";
          case "CrmId" -> "crmId";
          case "PhoneNumber" -> "phone";
          default -> null;
        };
    if (field == null) {
      return Optional.of(
          "matchBy "
              + batch.path("matchBy").asText("(none)")
              + " cannot be tied to the namespace (only Email, CrmId and PhoneNumber can)");
    }
    int index = 0;
    for (JsonNode record : batch.path("data")) {
      String at = "data[" + index++ + "].";
      if (!record.path(field).isTextual()) {
        return Optional.of(at + field + " is missing: the match key must be in the namespace");
      }
      if (record.has("email") && !namespace.ownsEmail(record.path("email").asText())) {
        return Optional.of(at + "email is outside the namespace's domain");
      }
      if (record.has("crmId") && !namespace.ownsCrmId(record.path("crmId").asText())) {
        return Optional.of(at + "crmId does not start with the namespace's prefix");
      }
      if (record.has("phone") && !namespace.ownsPhone(record.path("phone").asText())) {
        return Optional.of(at + "phone does not start with the namespace's prefix");
      }
    }
    return Optional.empty();
  }

  private static boolean mentionsAwaitingConfirmation(JsonNode node) {
    if (node.isTextual()) {
      return node.asText().strip().equalsIgnoreCase("AwaitingConfirmation");
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      if (mentionsAwaitingConfirmation(it.next())) {
        return true;
      }
    }
    return false;
  }
}
