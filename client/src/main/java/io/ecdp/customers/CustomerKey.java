package io.ecdp.customers;

import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.internal.Failures;
import io.ecdp.customers.internal.api.CustomersApi;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identifies one customer for a lookup or a delete: by the platform's numeric ID, the e-mail
 * address, the phone number, or the ID from your CRM.
 *
 * <pre>{@code
 * client.customers().get(CustomerKey.email("adam@poczta.pl"));
 * client.customers().delete(CustomerKey.id(12));
 * }</pre>
 *
 * <p>Immutable. Each factory checks the value against the spec's rules for its path parameter and
 * throws a {@link ValidationException} naming the parameter and the rule. {@code toString()} shows
 * the kind and masks the value, which is personal data (except a numeric ID).
 */
public final class CustomerKey {

  /** The identifier a key uses; each is a path of its own in the API. */
  public enum Kind {
    /** The platform's numeric customer ID. */
    ID("id"),
    /** The e-mail address. */
    EMAIL("email"),
    /** The phone number, without spaces. */
    PHONE("phone"),
    /** The ID from your CRM. */
    CRM_ID("crmId");

    /** The name the spec gives the value, for messages. */
    private final String name;

    Kind(String name) {
      this.name = name;
    }
  }

  private final Kind kind;
  private final String value;

  private CustomerKey(Kind kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  /**
   * Returns the key of the customer with this numeric ID.
   *
   * @param id the platform's customer ID
   * @return the key
   */
  public static CustomerKey id(int id) {
    return new CustomerKey(Kind.ID, Integer.toString(id));
  }

  /**
   * Returns the key of the customer with this e-mail address, sent percent-encoded exactly as
   * given.
   *
   * @param email the address: 1 to 320 characters, no control characters (D14)
   * @return the key
   * @throws ValidationException if the address is empty, too long or holds a control character
   */
  public static CustomerKey email(String email) {
    return checked(Kind.EMAIL, email);
  }

  /**
   * Returns the key of the customer with this phone number, written without spaces (such as {@code
   * +48123456789}).
   *
   * @param phone the number: 1 to 20 characters, no white space or control characters
   * @return the key
   * @throws ValidationException if the number is empty, too long or holds white space or a control
   *     character
   */
  public static CustomerKey phone(String phone) {
    return checked(Kind.PHONE, phone);
  }

  /**
   * Returns the key of the customer with this ID from your CRM.
   *
   * @param crmId the CRM ID: 1 to 128 characters, no control characters (D14)
   * @return the key
   * @throws ValidationException if the ID is empty, too long or holds a control character
   */
  public static CustomerKey crmId(String crmId) {
    return checked(Kind.CRM_ID, crmId);
  }

  /**
   * Returns the key of this kind with this value, as {@link #id(int)}, {@link #email(String)},
   * {@link #phone(String)} or {@link #crmId(String)} would; for code that reads the kind from
   * input, such as a command line.
   *
   * @param kind the kind
   * @param value the value; for {@link Kind#ID} a decimal 32-bit integer
   * @return the key
   * @throws ValidationException if the value breaks the kind's rules
   */
  public static CustomerKey of(Kind kind, String value) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.ID) {
      try {
        return id(Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw Failures.create()
            .validation(
                "/customers/id/{id}", List.of(Violation.of(-1, "id", "must be a 32-bit integer")));
      }
    }
    return checked(kind, value);
  }

  private static CustomerKey checked(Kind kind, String value) {
    Objects.requireNonNull(value, kind.name);
    switch (kind) {
      case EMAIL -> CustomersApi.getCustomerByEmailCheck(value);
      case PHONE -> CustomersApi.getCustomerByPhoneCheck(value);
      case CRM_ID -> CustomersApi.getCustomerByCrmIdCheck(value);
      case ID -> throw new IllegalArgumentException("an ID is an int: use id(int)");
    }
    return new CustomerKey(kind, value);
  }

  /**
   * Returns what identifies the customer.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the value as given (the ID in decimal), before percent-encoding.
   *
   * @return the value
   */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CustomerKey that && kind == that.kind && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + value.hashCode();
  }

  /** Returns the kind and, for an ID only, the value; the others are personal data. */
  @Override
  public String toString() {
    return "CustomerKey{" + kind.name + "=" + (kind == Kind.ID ? value : "***") + "}";
  }
}
