package io.ecdp.customers.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;

/**
 * An input file that must not change while it is imported: at its end, the bytes read must be the
 * size it had at the start, and its modification time the same; otherwise the end is reported as an
 * {@link InputChangedException} instead, so that a row cut short by a truncation is never imported
 * and the import does not end as if the whole file had been read.
 */
final class WatchedInput extends FilterInputStream {

  /** The input file changed while it was being read. */
  static final class InputChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    InputChangedException(String message) {
      super(message);
    }
  }

  private final Path file;
  private final long size;
  private final FileTime modified;
  private long position;

  private WatchedInput(Path file, InputStream in, long size, FileTime modified) {
    super(in);
    this.file = file;
    this.size = size;
    this.modified = modified;
  }

  /** Opens {@code file}, noting its size and modification time. */
  static WatchedInput open(Path file) throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    return new WatchedInput(file, Files.newInputStream(file), size, modified);
  }

  /** Returns the file's size when it was opened. */
  long size() {
    return size;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      atEnd();
    } else {
      position++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      atEnd();
    } else {
      position += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    position += skipped;
    return skipped;
  }

  private void atEnd() throws IOException {
    FileTime now = Files.getLastModifiedTime(file);
    if (position != size || !now.equals(modified)) {
      throw new InputChangedException(
          String.format(
              Locale.ROOT,
              "%s changed while it was being imported (%,d bytes at the start, %,d read before"
                  + " its end; modified %s, then %s): the rows after the last one read were not"
                  + " imported, and a row cut short is never sent",
              file,
              size,
              position,
              modified,
              now));
    }
  }
}
