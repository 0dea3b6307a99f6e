package io.ecdp.customers.kafka.connect.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where each customer field is read from in a record: {@code customerField=recordField}, the record
 * field a dotted path into nested structs or maps; unmapped fields are read by their own name.
 */
public final class FieldMapping {

  /** The customer fields a mapping may name (CustomerRecord's JSON property names). */
  public static final List<String> CUSTOMER_FIELDS =
      List.of(
          "email",
          "phone",
          "crmId",
          "visitorId",
          "firstName",
          "lastName",
          "dateOfBirth",
          "gender",
          "customAttributes",
          "consentsData");

  /** The prefix of a target that is one custom attribute, {@code customAttributes.NAME}. */
  public static final String ATTRIBUTE_PREFIX = "customAttributes.";

  private static final FieldMapping NONE = new FieldMapping(Map.of(), Map.of());

  private final Map<String, List<String>> fields;
  private final Map<String, List<String>> attributes;

  private FieldMapping(Map<String, List<String>> fields, Map<String, List<String>> attributes) {
    this.fields = fields;
    this.attributes = attributes;
  }

  /**
   * Returns the mapping with no entry: every customer field is read by its own name.
   *
   * @return the empty mapping
   */
  public static FieldMapping none() {
    return NONE;
  }

  /**
   * Parses {@code customerField=recordField} entries.
   *
   * @param entries the entries
   * @return the mapping
   * @throws IllegalArgumentException naming the entry's position and the rule it breaks
   */
  public static FieldMapping parse(List<String> entries) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    int n = 0;
    for (String raw : entries) {
      n++;
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "entry " + n + " must be customerField=recordField (no '=' found)");
      }
      String target = entry.substring(0, eq).trim();
      String source = entry.substring(eq + 1).trim();
      List<String> path = path(source, n);
      if (target.startsWith(ATTRIBUTE_PREFIX)) {
        String name = target.substring(ATTRIBUTE_PREFIX.length());
        if (name.isEmpty()) {
          throw new IllegalArgumentException(
              "entry " + n + ": a custom attribute's name must not be empty");
        }
        if (attributes.put(name, path) != null) {
          throw new IllegalArgumentException(
              "entry " + n + ": custom attribute " + name + " is mapped twice");
        }
      } else if (CUSTOMER_FIELDS.contains(target)) {
        if (fields.put(target, path) != null) {
          throw new IllegalArgumentException("entry " + n + ": " + target + " is mapped twice");
        }
      } else {
        throw new IllegalArgumentException(
            "entry "
                + n
                + ": the customer field must be one of "
                + String.join(", ", CUSTOMER_FIELDS)
                + " or customAttributes.NAME, not "
                + target);
      }
    }
    if (fields.isEmpty() && attributes.isEmpty()) {
      return NONE;
    }
    return new FieldMapping(
        Collections.unmodifiableMap(fields), Collections.unmodifiableMap(attributes));
  }

  private static List<String> path(String source, int n) {
    if (source.isEmpty()) {
      throw new IllegalArgumentException("entry " + n + ": the record field must not be empty");
    }
    List<String> path = new ArrayList<>();
    for (String part : source.split("\\.", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            "entry " + n + ": the record field's path must not have an empty segment");
      }
      path.add(part);
    }
    return List.copyOf(path);
  }

  /**
   * Returns the path a customer field is read from: the mapped one, or the field's own name.
   *
   * @param customerField one of {@link #CUSTOMER_FIELDS}
   * @return the path, segment by segment
   */
  public List<String> pathOf(String customerField) {
    List<String> mapped = fields.get(customerField);
    return mapped == null ? List.of(customerField) : mapped;
  }

  /**
   * Returns whether the customer field has a mapping.
   *
   * @param customerField one of {@link #CUSTOMER_FIELDS}
   * @return true when mapped
   */
  public boolean isMapped(String customerField) {
    return fields.containsKey(customerField);
  }

  /**
   * Returns the custom attributes mapped one by one ({@code customAttributes.NAME=path}), by name,
   * in the order given.
   *
   * @return the attributes' paths
   */
  public Map<String, List<String>> attributes() {
    return attributes;
  }

  /**
   * Returns the path as written in the mapping ({@code contact.email}).
   *
   * @param path the segments
   * @return the dotted path
   */
  public static String dotted(List<String> path) {
    return String.join(".", path);
  }

  /**
   * Returns the mapped path of {@code customerField}, or null when it is read by its own name.
   *
   * @param customerField the field
   * @return the dotted path, or null
   */
  public @Nullable String mappedSource(String customerField) {
    List<String> mapped = fields.get(customerField);
    return mapped == null ? null : dotted(mapped);
  }

  @Override
  public String toString() {
    return "FieldMapping" + fields + attributes;
  }
}
