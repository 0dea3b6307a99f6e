package io.ecdp.customers.internal;

import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from text that may reach a log or an exception message: e-mail
 * addresses, phone-like digit runs, and the API key.
 */
public final class Redactor {

  /** What replaces a redacted value. */
  public static final String MASK = "***";

  private static final Pattern EMAIL =
      Pattern.compile("[^\\s\"'<>(),;:/\\\\]+@[^\\s\"'<>(),;:/\\\\]+");
  private static final Pattern ENCODED_EMAIL =
      Pattern.compile("[^\\s\"'<>(),;:/\\\\]+%40[^\\s\"'<>(),;:/\\\\]+", Pattern.CASE_INSENSITIVE);
  // Six or more digits, possibly with a leading + and inner spaces, dashes, dots or parentheses.
  private static final Pattern PHONE = Pattern.compile("(?:\\+|%2B)?\\d(?:[\\s\\-.()]*\\d){5,}");

  private final String apiKey;

  /** Creates a redactor that also masks {@code apiKey} (may be null). */
  public Redactor(String apiKey) {
    this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
  }

  /** Returns {@code text} with e-mail addresses, phone numbers and the API key masked. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (apiKey != null) {
      out = out.replace(apiKey, MASK);
    }
    out = EMAIL.matcher(out).replaceAll(MASK);
    out = ENCODED_EMAIL.matcher(out).replaceAll(MASK);
    return PHONE.matcher(out).replaceAll(MASK);
  }

  /** Returns at most {@code max} characters of redacted text, on one line. */
  public String excerpt(String text, int max) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ").trim();
    String cut = oneLine.length() > max ? oneLine.substring(0, max) + "..." : oneLine;
    return redact(cut);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "Redactor";
  }
}
