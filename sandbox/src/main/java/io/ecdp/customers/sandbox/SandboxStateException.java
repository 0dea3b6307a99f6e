package io.ecdp.customers.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Reports that a sandbox cannot use its state file ({@link CustomersSandbox.Builder#stateFile}): it
 * is corrupt, another sandbox holds it, or it cannot be read or written. The message names the
 * file, says what is wrong and what to do; it never holds customer data from the file.
 */
public final class SandboxStateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the state file cannot be used. */
  public enum Reason {
    /**
     * The state file or its journal is not what a sandbox writes: truncated, not JSON, another
     * format or version, or a journal that does not continue the state file. Nothing was changed.
     */
    CORRUPT,
    /** Another sandbox holds the state's lock: in another process, or in this one. */
    IN_USE,
    /** The state file, its journal or its lock cannot be read or created (an I/O error). */
    UNREADABLE,
    /**
     * The state file or its journal cannot be written (an I/O error, such as a full disk): a change
     * that could not be recorded was not applied.
     */
    UNWRITABLE
  }

  /** The file concerned. */
  private final transient Path file;

  /** Why the state file cannot be used. */
  private final Reason reason;

  SandboxStateException(Reason reason, Path file, String message) {
    this(reason, file, message, null);
  }

  SandboxStateException(Reason reason, Path file, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.file = Objects.requireNonNull(file, "file");
  }

  /** Returns the file concerned: the state file, its journal or its lock. */
  public Path file() {
    return file;
  }

  /** Returns why the state file cannot be used. */
  public Reason reason() {
    return reason;
  }
}
