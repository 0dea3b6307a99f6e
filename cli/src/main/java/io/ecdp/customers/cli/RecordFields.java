package io.ecdp.customers.cli;

import io.ecdp.customers.internal.model.CustomerRecordFields;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a customer record, from the description the generator writes beside the model
 * ({@link CustomerRecordFields}), so that a field the spec adds is known to the import without a
 * list to keep up to date, and no field is found by reflection.
 */
final class RecordFields {

  /** Turns a CSV cell into a field's value, checked by its rule. */
  @FunctionalInterface
  interface Parse<T> {
    T parse(String text) throws Fields.BadValue;
  }

  /**
   * A field that holds one value (a CSV column), and how its text becomes its value.
   *
   * @param name the field's name, as the spec names it
   * @param type the field's Java type
   * @param setter sets the field from a cell's text: a parse and the builder's setter, plain calls
   */
  record Scalar(String name, Class<?> type, Setter setter) {}

  /** Sets a field of a builder from a cell's text. */
  @FunctionalInterface
  interface Setter {
    void set(CustomerRecord.Builder builder, String text) throws Fields.BadValue;
  }

  /** Every field, as the spec names it, in the model's order. */
  static final List<String> ALL = CustomerRecordFields.NAMES;

  /** The fields that hold one value of a type a cell can hold, by name, in the model's order. */
  static final Map<String, Scalar> SCALARS;

  static {
    Map<String, Scalar> scalars = new LinkedHashMap<>();
    for (CustomerRecordFields.Field<?> f : CustomerRecordFields.SINGLE) {
      Scalar s = scalar(f);
      if (s != null) {
        scalars.put(s.name(), s);
      }
    }
    if (scalars.isEmpty()) {
      throw new IllegalStateException("the customer record has no field a CSV cell can hold");
    }
    SCALARS = java.util.Collections.unmodifiableMap(scalars);
  }

  private RecordFields() {}

  /** The scalar of {@code field}, or null when a cell cannot hold its type (a nested object). */
  private static <T> Scalar scalar(CustomerRecordFields.Field<T> field) {
    Class<T> type = field.type();
    String name = field.name();
    Parse<?> parse;
    if (type == OffsetDateTime.class) {
      parse = text -> Fields.date(name, text);
    } else if (type == Gender.class) {
      parse = Fields::gender;
    } else if (type == String.class) {
      parse = name.equals("email") ? Fields::email : text -> text;
    } else {
      return null;
    }
    return new Scalar(name, type, setter(field, parse));
  }

  /** Sets {@code field} from text: the parse, a type check and the builder's setter. */
  private static <T> Setter setter(CustomerRecordFields.Field<T> field, Parse<?> parse) {
    Class<T> type = field.type();
    CustomerRecordFields.Setter<T> set = field.setter();
    return (builder, text) -> set.set(builder, type.cast(parse.parse(text)));
  }

  /** Sets {@code field} from its CSV text, checked by its rule. */
  static void set(CustomerRecord.Builder b, Scalar field, String text) throws Fields.BadValue {
    field.setter().set(b, text);
  }
}
