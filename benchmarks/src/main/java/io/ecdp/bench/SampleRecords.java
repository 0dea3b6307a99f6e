package io.ecdp.bench;

import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.sandbox.SampleCsv;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds in memory the customers of {@link SampleCsv}'s rows, as {@code ecdp customers import}
 * reads them from its file: row {@code i} sets the e-mail {@code customer<i>@example.com}, the
 * phone, the CRM ID, the names, the date of birth, the gender, the attribute {@code tier} and
 * consent 1, so the requests carry the same JSON as the command's.
 */
final class SampleRecords {

  private static final OffsetDateTime BORN =
      OffsetDateTime.of(1990, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private SampleRecords() {}

  /** Returns the customer of {@link SampleCsv}'s row {@code i} (0 to 9,999,999). */
  static CustomerRecord record(int i) {
    return CustomerRecord.builder()
        .email("customer" + i + "@example.com")
        .phone("+48600" + String.format(Locale.ROOT, "%07d", i))
        .crmId("CRM-" + i)
        .firstName("Test")
        .lastName("Customer " + i)
        .dateOfBirth(BORN)
        .gender(Gender.NOT_SPECIFIED)
        .customAttributes(List.of(CustomAttribute.builder().name("tier").value("gold").build()))
        .consentsData(
            ConsentsData.builder()
                .consents(List.of(Consent.builder().id(1).value(ConsentValue.TRUE).build()))
                .build())
        .build();
  }

  /** Returns the customers of {@link SampleCsv}'s first {@code rows} rows, in order. */
  static List<CustomerRecord> records(int rows) {
    List<CustomerRecord> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      out.add(record(i));
    }
    return out;
  }
}
