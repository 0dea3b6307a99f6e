package io.ecdp.customers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from text that may reach a log or an exception message: the API
 * key, e-mail addresses, phone numbers, and the values of the personal members of a JSON body
 * (names, date of birth, identifiers); and keeps what diagnoses a failure: ports, IPv4 addresses,
 * ISO-8601 dates and times, UUIDs, sizes and durations with their unit, status codes.
 */
public final class Redactor {

  /** What replaces a redacted value. */
  public static final String MASK = "***";

  private static final Pattern EMAIL =
      Pattern.compile("[^\\s\"'<>(),;:/\\\\]+@[^\\s\"'<>(),;:/\\\\]+");
  private static final Pattern ENCODED_EMAIL =
      Pattern.compile("[^\\s\"'<>(),;:/\\\\]+%40[^\\s\"'<>(),;:/\\\\]+", Pattern.CASE_INSENSITIVE);

  /** A JSON member whose value is personal data, as the models' {@code toString()} masks them. */
  private static final Pattern PERSONAL_MEMBER =
      Pattern.compile(
          "(\"(?:email|phone|crmId|visitorId|firstName|lastName|dateOfBirth)\"\\s*:\\s*)"
              + "\"(?:[^\"\\\\]|\\\\.)*\"");

  // Numbers that diagnose, kept as they are; each must not touch another digit or a letter.
  private static final String BEFORE = "(?<![\\w+%.\\-])";
  private static final String AFTER = "(?![\\w.\\-])";
  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final String DATE_TIME =
      "\\d{4}-\\d{2}-\\d{2}(?:[Tt ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)?"
          + "(?:[Zz]|[+-]\\d{2}:\\d{2})?";
  private static final String TIME =
      "\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:[Zz]|[+-]\\d{2}:\\d{2})?";
  private static final String IPV4 = "(?:\\d{1,3}\\.){3}\\d{1,3}";
  private static final String DURATION =
      "(?<!\\w)P(?=T?\\d)(?:\\d+[YMWD])*(?:T(?:\\d+(?:[.,]\\d{1,9})?[HMS])+)?(?!\\w)";
  private static final String STATUS =
      "(?i:\\bHTTP(?:/\\d(?:\\.\\d)?)?|\\bstatus:?|\\bcode:?) [1-5]\\d{2}(?!\\d)";
  private static final String PORT = ":\\d{1,5}(?!\\d)";
  private static final String QUANTITY =
      "\\d+(?:[.,]\\d+)?\\s?(?:bytes?|B|KiB|MiB|GiB|kB|KB|MB|GB|ns|us|µs|ms|s|secs?|seconds?"
          + "|mins?|minutes?|h|hours?|days?|chars?|characters?|records?|items?|rows?|lines?"
          + "|attempts?)(?![\\w])";
  private static final String KEEP =
      BEFORE + "(?:" + UUID + "|" + DATE_TIME + "|" + TIME + "|" + IPV4 + "|" + QUANTITY + ")"
          + AFTER + "|" + DURATION + "|" + STATUS + "|" + PORT;

  /** Six or more digits, possibly after a + and with spaces, dashes, dots or parentheses. */
  private static final String PHONE = "(?:\\+|%2[Bb])?\\d(?:[\\s\\-.()/]*\\d){5,}";

  private static final Pattern KEPT = Pattern.compile(KEEP);
  private static final Pattern PHONES = Pattern.compile(PHONE);

  /** Stands for the i-th kept token while phones are masked: no digit, so it ends a phone. */
  private static final char OPEN = '\uE000';

  private static final char CLOSE = '\uE001';
  private static final Pattern PLACEHOLDER = Pattern.compile(OPEN + "([a-z]+)" + CLOSE);

  private final String apiKey;

  /** Creates a redactor that also masks {@code apiKey} (may be null). */
  public Redactor(String apiKey) {
    this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
  }

  /** Returns {@code text} with the API key and personal data masked. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (apiKey != null) {
      out = maskKey(out);
    }
    out = EMAIL.matcher(out).replaceAll(MASK);
    out = ENCODED_EMAIL.matcher(out).replaceAll(MASK);
    out = PERSONAL_MEMBER.matcher(out).replaceAll("$1\"" + MASK + "\"");
    // What diagnoses is set aside first, so that a phone-like run never swallows a date, an
    // address or a size next to it; then phones are masked, then the kept tokens put back.
    List<String> kept = new ArrayList<>();
    out =
        KEPT.matcher(out)
            .replaceAll(
                m -> {
                  kept.add(m.group());
                  return OPEN + letters(kept.size() - 1) + CLOSE;
                });
    out = PHONES.matcher(out).replaceAll(MASK);
    if (kept.isEmpty()) {
      return out;
    }
    return PLACEHOLDER
        .matcher(out)
        .replaceAll(m -> Matcher.quoteReplacement(kept.get(index(m.group(1)))));
  }

  /** A key this long is masked wherever it occurs: it does not occur in other text by chance. */
  static final int KEY_MASKED_ANYWHERE = 8;

  /**
   * Masks the key: wherever it occurs when it has {@value #KEY_MASKED_ANYWHERE} characters or more
   * (even glued to other text, as in {@code key%3D<key>}); a shorter key only where it stands
   * alone, not run together with a letter or digit on either side, so that a short test key does
   * not mask the same letters inside other words ({@code k} in "key").
   */
  private String maskKey(String text) {
    if (apiKey.length() >= KEY_MASKED_ANYWHERE) {
      return text.replace(apiKey, MASK);
    }
    int at = text.indexOf(apiKey);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (at >= 0) {
      int end = at + apiKey.length();
      boolean whole =
          (at == 0
                  || !Character.isLetterOrDigit(text.charAt(at - 1))
                  || !Character.isLetterOrDigit(apiKey.charAt(0)))
              && (end == text.length()
                  || !Character.isLetterOrDigit(text.charAt(end))
                  || !Character.isLetterOrDigit(apiKey.charAt(apiKey.length() - 1)));
      if (whole) {
        out.append(text, copied, at).append(MASK);
        copied = end;
        at = text.indexOf(apiKey, end);
      } else {
        at = text.indexOf(apiKey, at + 1);
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static String letters(int index) {
    StringBuilder text = new StringBuilder();
    int rest = index;
    do {
      text.append((char) ('a' + rest % 26));
      rest /= 26;
    } while (rest > 0);
    return text.toString();
  }

  private static int index(String letters) {
    int index = 0;
    for (int i = letters.length() - 1; i >= 0; i--) {
      index = index * 26 + (letters.charAt(i) - 'a');
    }
    return index;
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
