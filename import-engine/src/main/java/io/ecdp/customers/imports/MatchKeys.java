package io.ecdp.customers.imports;

import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import java.util.Locale;
import java.util.Optional;

/** Tells which customer a record is about: its value of the match key. */
public final class MatchKeys {

  private MatchKeys() {}

  /**
   * Returns the record's value of {@code matchBy}: the e-mail (in lower case, as the service
   * matches it), the phone, the CRM ID or the visitor ID; empty when the record has none, or for
   * {@code GUID}, which a record does not carry.
   *
   * @param matchBy the match key
   * @param record the record
   * @return the value that identifies the customer, if any
   */
  public static Optional<String> of(MatchBy matchBy, CustomerRecord record) {
    String value = null;
    if (MatchBy.EMAIL.equals(matchBy)) {
      value = record.email() == null ? null : record.email().toLowerCase(Locale.ROOT);
    } else if (MatchBy.PHONE_NUMBER.equals(matchBy)) {
      value = record.phone();
    } else if (MatchBy.CRM_ID.equals(matchBy)) {
      value = record.crmId();
    } else if (MatchBy.VISITOR_ID.equals(matchBy)) {
      value = record.visitorId();
    }
    return Optional.ofNullable(value);
  }
}
