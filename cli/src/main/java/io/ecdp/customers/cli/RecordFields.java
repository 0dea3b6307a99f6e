package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a customer record, read from the generated model (its builder), so that a field the
 * spec adds is known to the import without a list to keep up to date.
 */
final class RecordFields {

  /**
   * How a scalar field's text becomes its value, and the builder method that takes it.
   *
   * @param setter the builder method, typed {@code (Builder, Object)Builder} once, so that each
   *     call is an {@code invokeExact} without a conversion of its own
   */
  record Scalar(String name, Class<?> type, MethodHandle setter) {}

  /** Every field, as the spec names it, in the model's order. */
  static final List<String> ALL;

  /** The fields that hold one value (a CSV column each), by name, in the model's order. */
  static final Map<String, Scalar> SCALARS;

  static {
    List<String> all = new ArrayList<>();
    Map<String, Scalar> scalars = new LinkedHashMap<>();
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    for (Field f : CustomerRecord.Builder.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      MethodHandle setter;
      try {
        setter =
            lookup.findVirtual(
                CustomerRecord.Builder.class,
                f.getName(),
                MethodType.methodType(CustomerRecord.Builder.class, f.getType()));
      } catch (ReflectiveOperationException e) {
        continue; // builder state that is not a field of the record
      }
      all.add(f.getName());
      Class<?> t = f.getType();
      if (t == String.class || t == OffsetDateTime.class || t == Gender.class) {
        scalars.put(
            f.getName(),
            new Scalar(
                f.getName(),
                t,
                setter.asType(
                    MethodType.methodType(
                        CustomerRecord.Builder.class,
                        CustomerRecord.Builder.class,
                        Object.class))));
      }
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("the customer record's builder has no fields");
    }
    ALL = Collections.unmodifiableList(all);
    SCALARS = Collections.unmodifiableMap(scalars);
  }

  private RecordFields() {}

  /** Sets {@code field} from its CSV text, checked by its rule. */
  static void set(CustomerRecord.Builder b, Scalar field, String text) throws Fields.BadValue {
    Object value;
    if (field.type() == OffsetDateTime.class) {
      value = Fields.date(field.name(), text);
    } else if (field.type() == Gender.class) {
      value = Fields.gender(text);
    } else if (field.name().equals("email")) {
      value = Fields.email(text);
    } else {
      value = text;
    }
    try {
      CustomerRecord.Builder unused = (CustomerRecord.Builder) field.setter().invokeExact(b, value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
