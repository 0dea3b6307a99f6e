package io.ecdp.customers.cli;

import io.ecdp.customers.Customers;
import io.ecdp.customers.model.CustomerDetails;
import java.util.Optional;
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

  Optional<CustomerDetails> get(Customers customers) {
    if (email != null) {
      return customers.getByEmail(email);
    }
    if (phone != null) {
      return customers.getByPhone(phone);
    }
    if (crmId != null) {
      return customers.getByCrmId(crmId);
    }
    return customers.getById(id);
  }

  boolean delete(Customers customers, boolean anonymize) {
    if (email != null) {
      return customers.deleteByEmail(email, anonymize);
    }
    if (phone != null) {
      return customers.deleteByPhone(phone, anonymize);
    }
    if (crmId != null) {
      return customers.deleteByCrmId(crmId, anonymize);
    }
    return customers.deleteById(id, anonymize);
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
