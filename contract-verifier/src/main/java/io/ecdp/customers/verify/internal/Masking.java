package io.ecdp.customers.verify.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and the API key in what a verification writes: e-mail addresses keep their
 * first character and domain, runs of six or more digits keep their first three and last two, and
 * the API key is replaced wherever it appears.
 */
public final class Masking {

  private static final Pattern EMAIL =
      Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
  private static final Pattern DIGITS = Pattern.compile("(\\+?\\d{3})\\d{1,}(\\d{2})");

  private final String apiKey;

  /** Masks with the given API key replaced. */
  public Masking(String apiKey) {
    this.apiKey = apiKey;
  }

  /** Returns the text with personal data and the API key masked; null stays null. */
  public String text(String text) {
    if (text == null) {
      return null;
    }
    String out = apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[the API key]");
    out = EMAIL.matcher(out).replaceAll("$1***@$2");
    Matcher digits = DIGITS.matcher(out);
    StringBuilder masked = new StringBuilder();
    while (digits.find()) {
      String run = digits.group();
      String replacement =
          digits.group(1)
              + "*".repeat(run.length() - digits.group(1).length() - 2)
              + digits.group(2);
      digits.appendReplacement(masked, Matcher.quoteReplacement(replacement));
    }
    digits.appendTail(masked);
    return masked.toString();
  }
}
