package io.ecdp.customers.internal;

/**
 * Finds where the JSON object or array at the start of a body ends, so that text after it (a second
 * document, a proxy's footer) is refused rather than silently ignored.
 */
final class JsonEnd {

  private JsonEnd() {}

  /**
   * Returns whether nothing but white space follows the object or array the body starts with; a
   * body that starts with anything else is left to the JSON reader and passes here.
   */
  static boolean onlyWhitespaceAfterValue(byte[] body) {
    int i = skipWhitespace(body, 0);
    if (i == body.length || (body[i] != '{' && body[i] != '[')) {
      return true;
    }
    int depth = 0;
    boolean inString = false;
    for (; i < body.length; i++) {
      byte b = body[i];
      if (inString) {
        if (b == '\\') {
          i++; // the escaped character, whatever it is
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
        if (depth == 0) {
          return skipWhitespace(body, i + 1) == body.length;
        }
      }
    }
    return true; // unterminated: the JSON reader reports it
  }

  private static int skipWhitespace(byte[] body, int from) {
    int i = from;
    while (i < body.length
        && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
      i++;
    }
    return i;
  }
}
