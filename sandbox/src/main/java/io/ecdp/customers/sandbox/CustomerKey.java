package io.ecdp.customers.sandbox;

import java.util.Locale;
import java.util.Objects;

/**
 * Identifies one customer the way the API's paths do: by ID, e-mail address, phone number or CRM
 * ID.
 *
 * @param kind which identifier
 * @param value its value, as sent
 */
public record CustomerKey(Kind kind, String value) {

  /** The identifiers a path can name. */
  public enum Kind {
    /** {@code /customers/id/{id}}. */
    ID("id"),
    /** {@code /customers/email/{email}}. */
    EMAIL("email"),
    /** {@code /customers/phone/{phone}}. */
    PHONE("phone"),
    /** {@code /customers/crmId/{crmId}}. */
    CRM_ID("crmId");

    private final String segment;

    Kind(String segment) {
      this.segment = segment;
    }

    /** Returns the path segment, e.g. {@code crmId}. */
    public String segment() {
      return segment;
    }

    /** Returns the kind whose segment equals {@code segment}, ignoring case (decision D1). */
    public static Kind ofSegment(String segment) {
      for (Kind k : values()) {
        if (k.segment.equalsIgnoreCase(segment)) {
          return k;
        }
      }
      throw new IllegalArgumentException("no such identifier: " + segment);
    }
  }

  /** Checks the components. */
  public CustomerKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /** Returns the key by ID. */
  public static CustomerKey id(int id) {
    return new CustomerKey(Kind.ID, String.valueOf(id));
  }

  /** Returns the key by e-mail address. */
  public static CustomerKey email(String email) {
    return new CustomerKey(Kind.EMAIL, email);
  }

  /** Returns the key by phone number. */
  public static CustomerKey phone(String phone) {
    return new CustomerKey(Kind.PHONE, phone);
  }

  /** Returns the key by CRM ID. */
  public static CustomerKey crmId(String crmId) {
    return new CustomerKey(Kind.CRM_ID, crmId);
  }

  /** Returns the value as the store indexes it: e-mail addresses compare case-insensitively. */
  String normalized() {
    return kind == Kind.EMAIL ? value.toLowerCase(Locale.ROOT) : value;
  }
}
