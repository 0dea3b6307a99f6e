package io.ecdp.customers.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a value against one of the spec's {@code pattern}s, for the generated models' {@code
 * validate}: without a new {@link Matcher} for each value, since a batch of 100 records checks
 * hundreds of values (a matcher per value was most of what sending a batch allocated).
 *
 * <p>The spec's pattern is an ECMA 262 regex: its {@code \s} is Unicode white space (hence Unicode
 * classes here), and a final {@code $} matches only at the very end (hence {@code \z} here: Java's
 * {@code $} would also match before a final line break). Thread-safe: each thread reuses a matcher
 * of its own, which is left holding no value after a check.
 */
public final class PatternRule {

  private final ThreadLocal<Matcher> matchers;

  /**
   * Creates the rule.
   *
   * @param ecmaPattern the spec's pattern
   */
  public PatternRule(String ecmaPattern) {
    Pattern pattern =
        Pattern.compile(ecmaPattern.replaceFirst("\\$$", "\\\\z"), Pattern.UNICODE_CHARACTER_CLASS);
    this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
  }

  /**
   * Returns whether the pattern is found in the value, as JSON Schema's {@code pattern} asks.
   *
   * @param value the value
   * @return whether it satisfies the pattern
   */
  public boolean test(String value) {
    Matcher matcher = matchers.get().reset(value);
    try {
      return matcher.find();
    } finally {
      matcher.reset(""); // holds no customer value after the check
    }
  }
}
