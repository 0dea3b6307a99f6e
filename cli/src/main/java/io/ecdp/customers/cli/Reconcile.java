package io.ecdp.customers.cli;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tells whether a record refused on {@code --resume} was in fact stored before the interruption:
 * the customer found by the record's match key holds every value the record sets.
 *
 * <p>Compared: e-mail (ignoring case, as the service matches it), phone, CRM ID, first and last
 * name, the date of birth's date, gender, and each custom attribute and consent the record sends
 * (the customer may hold more). The visitor ID is not compared: {@code GET} does not answer it.
 */
final class Reconcile {

  private Reconcile() {}

  /** The key to look the record up by, or null when the spec has no lookup by this match key. */
  static CustomerKey key(MatchBy matchBy, CustomerRecord r) {
    if (MatchBy.EMAIL.equals(matchBy) && r.email() != null) {
      return CustomerKey.email(r.email());
    }
    if (MatchBy.PHONE_NUMBER.equals(matchBy) && r.phone() != null) {
      return CustomerKey.phone(r.phone());
    }
    if (MatchBy.CRM_ID.equals(matchBy) && r.crmId() != null) {
      return CustomerKey.crmId(r.crmId());
    }
    return null;
  }

  /** Whether {@code c} holds every value {@code r} sets. */
  static boolean holds(CustomerDetails c, CustomerRecord r) {
    return (r.email() == null
            || (c.email() != null
                && r.email().toLowerCase(Locale.ROOT).equals(c.email().toLowerCase(Locale.ROOT))))
        && same(r.phone(), c.phone())
        && same(r.crmId(), c.crmId())
        && same(r.firstName(), c.firstName())
        && same(r.lastName(), c.lastName())
        && sameDate(r.dateOfBirth(), c.dateOfBirth())
        && same(r.gender(), c.gender())
        && attributesHeld(r.customAttributes(), c.customAttributes())
        && consentsHeld(r, c);
  }

  private static boolean same(Object sent, Object held) {
    return sent == null || Objects.equals(sent, held);
  }

  private static boolean sameDate(OffsetDateTime sent, OffsetDateTime held) {
    return sent == null || (held != null && sent.toLocalDate().equals(held.toLocalDate()));
  }

  private static boolean attributesHeld(List<CustomAttribute> sent, List<CustomAttribute> held) {
    if (sent == null) {
      return true;
    }
    for (CustomAttribute a : sent) {
      boolean found = false;
      for (CustomAttribute h : held == null ? List.<CustomAttribute>of() : held) {
        if (Objects.equals(a.name(), h.name()) && Objects.equals(a.value(), h.value())) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean consentsHeld(CustomerRecord r, CustomerDetails c) {
    if (r.consentsData() == null || r.consentsData().consents() == null) {
      return true;
    }
    List<Consent> held =
        c.consentsData() == null || c.consentsData().consents() == null
            ? List.of()
            : c.consentsData().consents();
    for (Consent k : r.consentsData().consents()) {
      if (!held.contains(k)) {
        return false;
      }
    }
    return true;
  }
}
