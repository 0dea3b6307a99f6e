package io.ecdp.customers.cli;

import java.util.regex.Pattern;

/** Writes command-line words so that a POSIX shell reads them back as they were. */
final class Shell {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private Shell() {}

  /** Returns {@code word} as is when a shell reads it so, else in single quotes. */
  static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
