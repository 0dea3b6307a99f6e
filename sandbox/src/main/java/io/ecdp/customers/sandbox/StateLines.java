package io.ecdp.customers.sandbox;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file of lines (NDJSON) one line at a time, in memory bounded by the longest line: each
 * line's number, its byte offsets, whether a newline ended it, and its text decoded as strict
 * UTF-8.
 */
final class StateLines {

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int bufferStart;
  private int bufferEnd;
  private boolean eof;

  private byte[] line = new byte[1 << 12];
  private int lineLength;
  private char[] text = new char[1 << 12];
  private int textLength;
  private boolean decoded;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private long number;
  private long start;
  private long end;
  private boolean terminated;

  StateLines(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next line.
   *
   * @return false at the end of the file (no more bytes)
   */
  boolean next() throws IOException {
    start = end;
    lineLength = 0;
    decoded = false;
    terminated = false;
    while (true) {
      if (bufferStart == bufferEnd) {
        if (eof || !fill()) {
          if (lineLength == 0) {
            return false;
          }
          break;
        }
      }
      int newline = -1;
      for (int i = bufferStart; i < bufferEnd; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int stop = newline >= 0 ? newline : bufferEnd;
      append(stop - bufferStart);
      bufferStart = newline >= 0 ? newline + 1 : bufferEnd;
      if (newline >= 0) {
        terminated = true;
        break;
      }
    }
    number++;
    end = start + lineLength + (terminated ? 1 : 0);
    return true;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    while (n == 0) {
      n = in.read(buffer);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    bufferStart = 0;
    bufferEnd = n;
    return true;
  }

  private void append(int count) {
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
    }
    System.arraycopy(buffer, bufferStart, line, lineLength, count);
    lineLength += count;
  }

  /** Returns the line's number, from 1. */
  long number() {
    return number;
  }

  /** Returns the offset of the line's first byte. */
  long start() {
    return start;
  }

  /** Returns the offset just past the line (past its newline, when it has one). */
  long end() {
    return end;
  }

  /** Returns whether a newline ends the line (the last line of a cut file has none). */
  boolean terminated() {
    return terminated;
  }

  /** Returns whether the line holds nothing but blanks. */
  boolean blank() {
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the line's text.
   *
   * @throws CharacterCodingException if it is not UTF-8
   */
  Reader reader() throws CharacterCodingException {
    decode();
    return new CharArrayReader(text, 0, textLength);
  }

  private void decode() throws CharacterCodingException {
    if (decoded) {
      return;
    }
    if (text.length < lineLength) {
      text = new char[Math.max(text.length * 2, lineLength)];
    }
    decoder.reset();
    CharBuffer out = CharBuffer.wrap(text);
    CoderResult result = decoder.decode(ByteBuffer.wrap(line, 0, lineLength), out, true);
    if (!result.isUnderflow()) {
      result.throwException();
    }
    result = decoder.flush(out);
    if (!result.isUnderflow()) {
      result.throwException();
    }
    textLength = out.position();
    decoded = true;
  }
}
