package io.ecdp.customers.internal;

import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.internal.model.CustomerRecordJson;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a batch before it is sent: the spec's constraints on every record (generated into the
 * models), and the rule OpenAPI 3.0 cannot state: the field named by {@code matchBy} is present and
 * not blank in every record (decision D6: for {@code Email}, {@code PhoneNumber}, {@code CrmId}).
 */
public final class RecordValidator {

  private RecordValidator() {}

  /** Throws a {@link ValidationException} listing every violation; returns when there is none. */
  public static void check(
      String operation, UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    List<Violation> violations = violations(mode, matchBy, records);
    if (!violations.isEmpty()) {
      throw Failures.create().validation(operation, violations);
    }
  }

  /** Returns every violation of the batch, in record order. */
  public static List<Violation> violations(
      UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    List<Violation> out = new ArrayList<>();
    if (!mode.isKnown()) {
      out.add(Violation.of(-1, "mode", "must be one of " + UpsertMode.values()));
    }
    if (!matchBy.isKnown()) {
      out.add(Violation.of(-1, "matchBy", "must be one of " + MatchBy.values()));
    }
    if (records.isEmpty()) {
      out.add(Violation.of(-1, "data", "must hold at least one record"));
    }
    MatchKey key = MatchKey.of(matchBy);
    for (int i = 0; i < records.size(); i++) {
      CustomerRecord record = records.get(i);
      int index = i;
      if (record == null) {
        out.add(Violation.of(index, "(record)", "must not be null"));
        continue;
      }
      if (key != null) {
        String value = key.valueIn(record);
        if (value == null || isBlank(value)) {
          out.add(
              Violation.of(
                  index,
                  key.field,
                  "is required and must not be blank when matchBy is " + matchBy.value()));
        }
      }
      CustomerRecordJson.validate(
          record, "", (field, rule) -> out.add(Violation.of(index, field, rule)));
    }
    return out;
  }

  /** Whether every character is white space, Unicode spaces (such as U+00A0) included. */
  static boolean isBlank(String value) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private enum MatchKey {
    EMAIL("email"),
    PHONE("phone"),
    CRM_ID("crmId");

    private final String field;

    MatchKey(String field) {
      this.field = field;
    }

    @Nullable String valueIn(CustomerRecord record) {
      return switch (this) {
        case EMAIL -> record.email();
        case PHONE -> record.phone();
        case CRM_ID -> record.crmId();
      };
    }

    static MatchKey of(MatchBy matchBy) {
      if (MatchBy.EMAIL.equals(matchBy)) {
        return EMAIL;
      }
      if (MatchBy.PHONE_NUMBER.equals(matchBy)) {
        return PHONE;
      }
      if (MatchBy.CRM_ID.equals(matchBy)) {
        return CRM_ID;
      }
      return null; // GUID has no documented field; VisitorId is not required by the pages (D6)
    }
  }
}
