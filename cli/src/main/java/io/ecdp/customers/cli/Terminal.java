package io.ecdp.customers.cli;

/**
 * Makes text safe to print to a terminal: control characters (C0 and C1, DEL) and invisible
 * formatting characters (bidirectional overrides, zero-width ones) are shown as escapes (ESC as
 * {@code \e}, a line feed as {@code \n}, U+202E as a backslash, {@code u} and its four hex digits)
 * instead of being sent, so that a stored value cannot move the cursor, recolour the screen, set
 * the window's title or hide text. JSON output does not use this: it stays exact, with JSON's own
 * escapes.
 */
final class Terminal {

  private Terminal() {}

  /** Returns {@code text} with every control or formatting character written as an escape. */
  static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    String named =
        switch (c) {
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case 0x1b -> "\\e";
          default -> null;
        };
    if (named != null) {
      return named;
    }
    int type = Character.getType(c);
    if (type == Character.CONTROL || type == Character.FORMAT) {
      return String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
    }
    return null;
  }
}
