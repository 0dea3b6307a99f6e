package io.ecdp.customers.kafka.connect.internal;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.imports.MatchKeys;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;

/**
 * Turns a record's value (a {@link Struct} with a schema, or a schemaless {@link Map} as the JSON
 * converter gives it) into a {@link CustomerRecord}, and a tombstone's key into the {@link
 * CustomerKey} of the customer to delete. What cannot be converted is a {@link
 * RecordRefusedException} naming the field and the rule, never the value.
 */
public final class RecordConverter {

  private final FieldMapping mapping;
  private final MatchBy matchBy;

  /**
   * Creates a converter.
   *
   * @param mapping where customer fields are read from
   * @param matchBy the match key (a record without it is refused when it is e-mail, phone or CRM
   *     ID)
   */
  public RecordConverter(FieldMapping mapping, MatchBy matchBy) {
    this.mapping = mapping;
    this.matchBy = matchBy;
  }

  /** A value found at a path, with its schema when it came from a struct. */
  private record Found(@Nullable Object value, @Nullable Schema schema) {
    static final Found ABSENT = new Found(null, null);
  }

  /**
   * Converts a record's value to a customer record.
   *
   * @param value the record's value (not a tombstone's null)
   * @param valueSchema the value's schema, or null when schemaless
   * @return the customer record
   * @throws RecordRefusedException naming the field and the rule
   */
  public CustomerRecord convert(Object value, @Nullable Schema valueSchema) {
    if (!(value instanceof Struct) && !(value instanceof Map)) {
      throw new RecordRefusedException(
          null,
          "the record's value must be a struct or a map (a JSON object), got "
              + typeName(value, valueSchema));
    }
    CustomerRecord.Builder b = CustomerRecord.builder();
    b.email(string("email", read(value, "email")));
    b.phone(string("phone", read(value, "phone")));
    b.crmId(identifier("crmId", read(value, "crmId")));
    b.visitorId(string("visitorId", read(value, "visitorId")));
    b.firstName(string("firstName", read(value, "firstName")));
    b.lastName(string("lastName", read(value, "lastName")));
    b.dateOfBirth(dateTime("dateOfBirth", read(value, "dateOfBirth")));
    b.gender(gender(read(value, "gender")));
    List<CustomAttribute> attributes = attributes(value);
    if (attributes != null) {
      b.customAttributes(attributes);
    }
    b.consentsData(consents(read(value, "consentsData")));
    CustomerRecord record = b.build();
    requireMatchKey(record);
    return record;
  }

  private void requireMatchKey(CustomerRecord record) {
    String field;
    if (MatchBy.EMAIL.equals(matchBy)) {
      field = "email";
    } else if (MatchBy.PHONE_NUMBER.equals(matchBy)) {
      field = "phone";
    } else if (MatchBy.CRM_ID.equals(matchBy)) {
      field = "crmId";
    } else {
      return;
    }
    String key = MatchKeys.of(matchBy, record).orElse(null);
    if (key == null || key.isBlank()) {
      throw new RecordRefusedException(
          field, "required, not blank, when matching by " + matchBy.value() + source(field));
    }
  }

  /**
   * Returns the key of the customer a tombstone deletes: a string key is the match key's value; a
   * struct or map key holds the match key's field (where the mapping says, or by its name).
   *
   * @param key the record's key
   * @param keySchema the key's schema, or null
   * @return the customer's key
   * @throws RecordRefusedException naming the rule the key breaks
   */
  public CustomerKey deleteKey(@Nullable Object key, @Nullable Schema keySchema) {
    CustomerKey.Kind kind;
    String field;
    if (MatchBy.EMAIL.equals(matchBy)) {
      kind = CustomerKey.Kind.EMAIL;
      field = "email";
    } else if (MatchBy.PHONE_NUMBER.equals(matchBy)) {
      kind = CustomerKey.Kind.PHONE;
      field = "phone";
    } else if (MatchBy.CRM_ID.equals(matchBy)) {
      kind = CustomerKey.Kind.CRM_ID;
      field = "crmId";
    } else {
      throw new RecordRefusedException(
          "key", "a delete cannot address a customer matched by " + matchBy.value());
    }
    if (key == null) {
      throw new RecordRefusedException(
          "key", "a tombstone needs a key that names the customer to delete, got none");
    }
    String value;
    if (key instanceof String s) {
      value = s;
    } else if (key instanceof Struct || key instanceof Map) {
      List<String> path = mapping.pathOf(field);
      Found found = read(key, path, "key." + field);
      value = identifier("key." + field, found);
      if (value == null) {
        throw new RecordRefusedException(
            "key." + field,
            "a tombstone's key must hold " + FieldMapping.dotted(path) + ", not found");
      }
    } else if (kind == CustomerKey.Kind.CRM_ID && integral(key)) {
      value = String.valueOf(((Number) key).longValue());
    } else {
      throw new RecordRefusedException(
          "key",
          "expected a string, or a struct or map holding "
              + FieldMapping.dotted(mapping.pathOf(field))
              + ", got "
              + typeName(key, keySchema));
    }
    if (value.isBlank()) {
      throw new RecordRefusedException("key", "must not be blank");
    }
    try {
      return CustomerKey.of(kind, value);
    } catch (ValidationException e) {
      List<Violation> violations = e.violations();
      String rule = violations.isEmpty() ? "not a valid " + field : violations.get(0).rule();
      throw new RecordRefusedException("key", rule);
    } catch (IllegalArgumentException e) {
      throw new RecordRefusedException("key", "not a valid " + field);
    }
  }

  /**
   * Returns the value that orders a delete with the upserts of the same customer: the key's value,
   * in lower case for an e-mail address (as {@link MatchKeys} gives it).
   *
   * @param key the customer's key
   * @return the ordering value
   */
  public static String orderingKey(CustomerKey key) {
    return key.kind() == CustomerKey.Kind.EMAIL
        ? key.value().toLowerCase(Locale.ROOT)
        : key.value();
  }

  private String source(String field) {
    String mapped = mapping.mappedSource(field);
    return mapped == null ? "" : " (read from " + mapped + ")";
  }

  private Found read(Object root, String customerField) {
    return read(root, mapping.pathOf(customerField), customerField);
  }

  private Found read(Object root, List<String> path, String field) {
    Object current = root;
    Schema schema = null;
    for (int i = 0; i < path.size(); i++) {
      String segment = path.get(i);
      if (current instanceof Struct struct) {
        Field f = struct.schema().field(segment);
        if (f == null) {
          return Found.ABSENT;
        }
        current = struct.get(f);
        schema = f.schema();
      } else if (current instanceof Map<?, ?> map) {
        current = map.get(segment);
        schema = null;
      } else if (current == null) {
        return Found.ABSENT;
      } else {
        throw new RecordRefusedException(
            field,
            "expected a struct or map at "
                + FieldMapping.dotted(path.subList(0, i))
                + ", got "
                + typeName(current, schema));
      }
      if (current == null) {
        return Found.ABSENT;
      }
    }
    return new Found(current, schema);
  }

  private @Nullable String string(String field, Found found) {
    Object v = found.value();
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new RecordRefusedException(
        field, "expected a string, got " + typeName(v, found.schema()) + source(field));
  }

  /** A string, or an integer written in decimal (a CRM ID is often numeric). */
  private @Nullable String identifier(String field, Found found) {
    Object v = found.value();
    if (integral(v)) {
      return String.valueOf(((Number) v).longValue());
    }
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new RecordRefusedException(
        field,
        "expected a string or an integer, got " + typeName(v, found.schema()) + source(field));
  }

  private @Nullable OffsetDateTime dateTime(String field, Found found) {
    Object v = found.value();
    if (v == null) {
      return null;
    }
    if (v instanceof Date d) {
      return OffsetDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }
    if (v instanceof String s) {
      try {
        // The form decides the parser: a failed parse throws, and costs more than the parse.
        return s.length() == 10
            ? LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC)
            : OffsetDateTime.parse(s);
      } catch (DateTimeParseException e) {
        throw new RecordRefusedException(
            field,
            "expected an ISO-8601 date-time (2023-07-25T12:35:54.712Z) or date (2023-07-25)"
                + source(field));
      }
    }
    throw new RecordRefusedException(
        field,
        "expected an ISO-8601 date-time string or a Connect Timestamp or Date, got "
            + typeName(v, found.schema())
            + source(field));
  }

  private @Nullable Gender gender(Found found) {
    String s = string("gender", found);
    if (s == null) {
      return null;
    }
    for (Gender g : Gender.values()) {
      if (g.value().equalsIgnoreCase(s.trim())) {
        return g;
      }
    }
    throw new RecordRefusedException(
        "gender", "expected one of Male, Female, NotSpecified" + source("gender"));
  }

  private @Nullable List<CustomAttribute> attributes(Object root) {
    Found found = read(root, "customAttributes");
    Object v = found.value();
    Map<String, CustomAttribute> byName = new LinkedHashMap<>();
    List<CustomAttribute> unnamed = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String where = "customAttributes[" + i + "]";
        Object element = list.get(i);
        if (!(element instanceof Struct) && !(element instanceof Map)) {
          throw new RecordRefusedException(
              where,
              "expected a struct or map with name and value, got "
                  + typeName(element, elementSchema(found.schema())));
        }
        String name = string(where + ".name", read(element, List.of("name"), where + ".name"));
        if (name == null || name.isEmpty()) {
          throw new RecordRefusedException(where + ".name", "required, at least one character");
        }
        String value = scalar(where + ".value", read(element, List.of("value"), where));
        CustomAttribute a = CustomAttribute.builder().name(name).value(value).build();
        if (byName.putIfAbsent(name, a) != null) {
          unnamed.add(a);
        }
      }
    } else if (v instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String name)) {
          throw new RecordRefusedException(
              "customAttributes", "expected a map with string keys" + source("customAttributes"));
        }
        Schema valueSchema = found.schema() == null ? null : found.schema().valueSchema();
        String value = scalar("customAttributes." + name, new Found(e.getValue(), valueSchema));
        byName.put(name, CustomAttribute.builder().name(name).value(value).build());
      }
    } else if (v instanceof Struct struct) {
      for (Field f : struct.schema().fields()) {
        String value = scalar("customAttributes." + f.name(), new Found(struct.get(f), f.schema()));
        byName.put(f.name(), CustomAttribute.builder().name(f.name()).value(value).build());
      }
    } else if (v != null) {
      throw new RecordRefusedException(
          "customAttributes",
          "expected an array of {name, value}, or a map of name to value, got "
              + typeName(v, found.schema())
              + source("customAttributes"));
    }
    for (Map.Entry<String, List<String>> e : mapping.attributes().entrySet()) {
      String name = e.getKey();
      String field = FieldMapping.ATTRIBUTE_PREFIX + name;
      Found f = read(root, e.getValue(), field);
      if (f.value() != null) {
        String value = scalar(field, f);
        byName.put(name, CustomAttribute.builder().name(name).value(value).build());
      }
    }
    if (v == null && byName.isEmpty()) {
      return null;
    }
    List<CustomAttribute> all = new ArrayList<>(byName.values());
    all.addAll(unnamed);
    return all;
  }

  private static @Nullable Schema elementSchema(@Nullable Schema arraySchema) {
    return arraySchema == null ? null : arraySchema.valueSchema();
  }

  /** A custom attribute's value: a string, or a number or boolean written as text. */
  private static @Nullable String scalar(String field, Found found) {
    Object v = found.value();
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof Boolean || integral(v)) {
      return String.valueOf(v);
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      return String.valueOf(v);
    }
    throw new RecordRefusedException(
        field, "expected a string, number or boolean, got " + typeName(v, found.schema()));
  }

  private @Nullable ConsentsData consents(Found found) {
    Object v = found.value();
    if (v == null) {
      return null;
    }
    if (!(v instanceof Struct) && !(v instanceof Map)) {
      throw new RecordRefusedException(
          "consentsData",
          "expected a struct or map, got " + typeName(v, found.schema()) + source("consentsData"));
    }
    ConsentsData.Builder b = ConsentsData.builder();
    Found list = read(v, List.of("consents"), "consentsData.consents");
    if (list.value() != null) {
      if (!(list.value() instanceof List<?> items)) {
        throw new RecordRefusedException(
            "consentsData.consents",
            "expected an array, got " + typeName(list.value(), list.schema()));
      }
      List<Consent> consents = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        String where = "consentsData.consents[" + i + "]";
        Object item = items.get(i);
        if (!(item instanceof Struct) && !(item instanceof Map)) {
          throw new RecordRefusedException(
              where,
              "expected a struct or map with id and value, got "
                  + typeName(item, elementSchema(list.schema())));
        }
        Integer id = int32(where + ".id", read(item, List.of("id"), where + ".id"));
        String value = string(where + ".value", read(item, List.of("value"), where + ".value"));
        ConsentValue cv = null;
        if (value != null) {
          for (ConsentValue known : ConsentValue.values()) {
            if (known.value().equalsIgnoreCase(value.trim())) {
              cv = known;
            }
          }
          if (cv == null) {
            throw new RecordRefusedException(
                where + ".value", "expected one of False, AwaitingConfirmation, True");
          }
        }
        consents.add(Consent.builder().id(id).value(cv).build());
      }
      b.consents(consents);
    }
    Found force = read(v, List.of("force"), "consentsData.force");
    if (force.value() != null) {
      if (!(force.value() instanceof Boolean f)) {
        throw new RecordRefusedException(
            "consentsData.force",
            "expected a boolean, got " + typeName(force.value(), force.schema()));
      }
      b.force(f);
    }
    b.confirmationMessageId(
        int32(
            "consentsData.confirmationMessageId",
            read(v, List.of("confirmationMessageId"), "consentsData.confirmationMessageId")));
    return b.build();
  }

  private static @Nullable Integer int32(String field, Found found) {
    Object v = found.value();
    if (v == null) {
      return null;
    }
    if (integral(v)) {
      long l = ((Number) v).longValue();
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return (int) l;
      }
      throw new RecordRefusedException(field, "expected an int32, out of range");
    }
    throw new RecordRefusedException(
        field, "expected an int32, got " + typeName(v, found.schema()));
  }

  private static boolean integral(@Nullable Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
  }

  /**
   * Names a value's type as Connect does ({@code INT32}, {@code STRING}, {@code STRUCT}): from its
   * schema when it has one, else from its Java class. Never the value itself.
   *
   * @param value the value
   * @param schema its schema, or null
   * @return the type's name
   */
  static String typeName(@Nullable Object value, @Nullable Schema schema) {
    if (schema != null) {
      return schema.name() != null && schema.name().startsWith("org.apache.kafka.connect.data.")
          ? schema.type().name() + " (" + schema.name().substring(30) + ")"
          : schema.type().name();
    }
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "STRING";
    }
    if (value instanceof Integer) {
      return "INT32";
    }
    if (value instanceof Long) {
      return "INT64";
    }
    if (value instanceof Short) {
      return "INT16";
    }
    if (value instanceof Byte) {
      return "INT8";
    }
    if (value instanceof Double) {
      return "FLOAT64";
    }
    if (value instanceof Float) {
      return "FLOAT32";
    }
    if (value instanceof Boolean) {
      return "BOOLEAN";
    }
    if (value instanceof byte[] || value instanceof java.nio.ByteBuffer) {
      return "BYTES";
    }
    if (value instanceof Map) {
      return "MAP";
    }
    if (value instanceof List) {
      return "ARRAY";
    }
    if (value instanceof Struct) {
      return "STRUCT";
    }
    if (value instanceof BigDecimal) {
      return "DECIMAL";
    }
    if (value instanceof Date) {
      return "TIMESTAMP";
    }
    return value.getClass().getSimpleName();
  }
}
