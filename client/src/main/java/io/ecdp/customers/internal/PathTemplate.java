package io.ecdp.customers.internal;

import java.nio.charset.StandardCharsets;

/** Fills the placeholders of a spec path with values percent-encoded as single path segments. */
public final class PathTemplate {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathTemplate() {}

  /**
   * Replaces each {@code {name}} of {@code template} with its value, encoded by {@link
   * #encodeSegment(String)}.
   *
   * @param template a path such as {@code /customers/email/{email}}
   * @param namesAndValues name, value, name, value, ...
   * @return the path, its values percent-encoded (an {@code HttpRequest} path)
   * @throws IllegalArgumentException if a placeholder has no value
   */
  public static String expand(String template, Object... namesAndValues) {
    String path = template;
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      String placeholder = "{" + namesAndValues[i] + "}";
      if (!path.contains(placeholder)) {
        throw new IllegalArgumentException(template + " has no " + placeholder);
      }
      path = path.replace(placeholder, encodeSegment(String.valueOf(namesAndValues[i + 1])));
    }
    if (path.indexOf('{') >= 0) {
      throw new IllegalArgumentException("no value for a placeholder of " + template);
    }
    return path;
  }

  /**
   * Percent-encodes a value as one path segment: every byte of its UTF-8 form other than the
   * unreserved characters of RFC 3986 ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XX}, so {@code
   * /}, {@code ?}, {@code #}, {@code %}, {@code +}, {@code @} and non-ASCII letters reach the
   * server exactly as given.
   */
  public static String encodeSegment(String value) {
    if (value.equals(".") || value.equals("..")) {
      // A dot segment would be removed by URI normalization and change the route.
      return value.replace(".", "%2E");
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }
}
