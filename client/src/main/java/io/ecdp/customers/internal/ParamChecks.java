package io.ecdp.customers.internal;

import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks a path or query value against its parameter's constraints in the spec. */
public final class ParamChecks {

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private ParamChecks() {}

  /**
   * Throws a {@link ValidationException} naming the parameter and each rule its value breaks.
   *
   * @param operation the operation, e.g. {@code GET /customers/email/{email}}
   * @param name the parameter's name
   * @param value the value (not null)
   * @param minLength the minimum length in code points, or -1
   * @param maxLength the maximum length in code points, or -1
   * @param pattern the spec's (ECMA 262) pattern, or null
   * @param patternRule the rule in words, or null to name the pattern
   */
  public static void check(
      String operation,
      String name,
      Object value,
      int minLength,
      int maxLength,
      @Nullable String pattern,
      @Nullable String patternRule) {
    String text = String.valueOf(value);
    int length = text.codePointCount(0, text.length());
    List<Violation> violations = new ArrayList<>();
    if (minLength >= 0 && length < minLength) {
      violations.add(Violation.of(-1, name, "length must be at least " + minLength));
    }
    if (maxLength >= 0 && length > maxLength) {
      violations.add(Violation.of(-1, name, "length must be at most " + maxLength));
    }
    if (pattern != null
        && !PATTERNS.computeIfAbsent(pattern, ParamChecks::ecma).matcher(text).find()) {
      violations.add(
          Violation.of(-1, name, patternRule != null ? patternRule : "must match " + pattern));
    }
    if (!violations.isEmpty()) {
      throw Failures.create().validation(operation, violations);
    }
  }

  /**
   * Compiles an ECMA 262 pattern with its meaning: {@code \s} is Unicode white space, and a final
   * {@code $} matches only at the very end.
   */
  static Pattern ecma(String pattern) {
    return Pattern.compile(pattern.replaceFirst("\\$$", "\\\\z"), Pattern.UNICODE_CHARACTER_CLASS);
  }
}
