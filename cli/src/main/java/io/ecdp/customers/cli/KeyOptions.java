package io.ecdp.customers.cli;

import io.ecdp.customers.CustomerKey;
import picocli.CommandLine.Option;

/** Exactly one of {@code --email}, {@code --phone}, {@code --crm-id}, {@code --id}. */
final class KeyOptions {

  @Option(names = "--email", paramLabel = "EMAIL", description = "The customer's e-mail address.")
  String email;

  @Option(
      names = "--phone",
      paramLabel = "PHONE",
      description = "The customer's phone number, without spaces.")
  String phone;

  @Option(names = "--crm-id", paramLabel = "CRM_ID", description = "The customer's ID in your CRM.")
  String crmId;

  @Option(names = "--id", paramLabel = "ID", description = "The customer's numeric ID.")
  Integer id;

  /**
   * Returns the key the options name, checked against the spec's rules.
   *
   * @throws io.ecdp.customers.errors.ValidationException naming the option's value rule
   */
  CustomerKey key() {
    if (email != null) {
      return CustomerKey.email(email);
    }
    if (phone != null) {
      return CustomerKey.phone(phone);
    }
    if (crmId != null) {
      return CustomerKey.crmId(crmId);
    }
    return CustomerKey.id(id);
  }

  /**
   * Returns e.g. {@code with e-mail a***@poczta.pl}: e-mail addresses and phone numbers are shown
   * only in part, since command output ends up in terminals' scrollback and CI logs.
   */
  String describe() {
    if (email != null) {
      return "with e-mail " + maskEmail(email);
    }
    if (phone != null) {
      return "with phone " + maskPhone(phone);
    }
    if (crmId != null) {
      return "with CRM ID " + crmId;
    }
    return "with ID " + id;
  }

  /**
   * Keeps the first character and the domain: {@code adam@poczta.pl} becomes {@code
   * a***@poczta.pl}.
   */
  static String maskEmail(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
  }

  /** Keeps the last three characters: {@code +48123456789} becomes {@code ***789}. */
  static String maskPhone(String phone) {
    int n = phone.codePointCount(0, phone.length());
    return n <= 3 ? "***" : "***" + phone.substring(phone.offsetByCodePoints(0, n - 3));
  }
}
