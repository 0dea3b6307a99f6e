package io.ecdp.customers.cli;

import java.io.Closeable;
import java.io.IOException;

/** Streams the rows of an input file, one at a time. */
interface RowSource extends Closeable {

  /** Returns the next row, or null at the end of the file. */
  Row next() throws IOException;

  /** Returns how many bytes of the file have been read, for progress. */
  long bytesRead();
}
