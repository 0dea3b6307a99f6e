package io.ecdp.customers.cli;

import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.errors.ConflictException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ForbiddenException;
import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.sandbox.SandboxStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.ToIntFunction;
import picocli.CommandLine;

/**
 * The exit codes of {@code ecdp}, for scripts (listed in {@code ecdp --help}), and the one map from
 * what went wrong to its code ({@link #of}), which every command and the import use.
 */
final class ExitCode {
  /** Everything asked was done. */
  static final int OK = 0;

  /** A bug: the command failed unexpectedly. */
  static final int SOFTWARE = 1;

  /** Bad command line (unknown option, missing value). */
  static final int USAGE = 2;

  /** The customer asked for does not exist. */
  static final int NOT_FOUND = 3;

  /** Input was refused: invalid records (locally or by the API), or an unusable input file. */
  static final int INPUT_REJECTED = 4;

  /** The API key was refused (401) or may not do this (403). */
  static final int AUTH = 5;

  /** The API could not be reached or failed (connection, timeouts, 5xx, 429 after retries). */
  static final int UNAVAILABLE = 6;

  /** The API answered 409: the request conflicts with the customer's current state. */
  static final int CONFLICT = 7;

  /** The API answered with a status or body the spec does not document. */
  static final int UNDOCUMENTED_RESPONSE = 8;

  /**
   * The sandbox state cannot be used: corrupt or of the wrong shape, or older than the checkpoint
   * of the import being resumed.
   */
  static final int STATE_UNUSABLE = 9;

  /** The sandbox state is in use by another {@code ecdp} process; try again when it has ended. */
  static final int STATE_IN_USE = 10;

  /** {@code contract verify}: the live service drifted from the spec or the pact (breaking). */
  static final int DRIFT = 11;

  /**
   * {@code contract verify} or {@code cleanup} could not do its job: no API key, the service
   * unreachable, the request budget spent, or customers it created left behind.
   */
  static final int NOT_VERIFIED = 12;

  /** Interrupted (Ctrl-C): what was in flight was settled and recorded; resume with --resume. */
  static final int INTERRUPTED = 130;

  /** What leads to a code: an exception of {@code type}, and its code. */
  private record Rule(Class<? extends Throwable> type, ToIntFunction<Throwable> code) {
    static Rule of(Class<? extends Throwable> type, int code) {
      return new Rule(type, e -> code);
    }
  }

  /**
   * The map from a failure to its exit code, as {@code cli/README.md} documents it ("What leads to
   * each exit code"): the first rule whose type the failure is of decides, so a subtype comes
   * before its supertype. A failure no rule names is a bug.
   */
  private static final List<Rule> RULES =
      List.of(
          Rule.of(CommandLine.ParameterException.class, USAGE),
          Rule.of(MissingKeyException.class, USAGE),
          // Refused before sending (the client's checks), or by the API (400), or an input file
          // that cannot be used.
          Rule.of(ValidationException.class, INPUT_REJECTED),
          Rule.of(BadRequestException.class, INPUT_REJECTED),
          Rule.of(InputFileException.class, INPUT_REJECTED),
          Rule.of(IOException.class, INPUT_REJECTED),
          Rule.of(UncheckedIOException.class, INPUT_REJECTED),
          Rule.of(UnauthorizedException.class, AUTH),
          Rule.of(ForbiddenException.class, AUTH),
          Rule.of(NotFoundException.class, NOT_FOUND),
          Rule.of(ConflictException.class, CONFLICT),
          Rule.of(UnexpectedResponseException.class, UNDOCUMENTED_RESPONSE),
          Rule.of(BrokenResponseException.class, UNDOCUMENTED_RESPONSE),
          // Every other failure of the client: connection, timeouts, 5xx, 429 after the retries.
          Rule.of(EcdpException.class, UNAVAILABLE),
          // In use: try again later; corrupt, unreadable or unwritable: the state cannot be used.
          new Rule(
              SandboxStateException.class,
              e ->
                  ((SandboxStateException) e).reason() == SandboxStateException.Reason.IN_USE
                      ? STATE_IN_USE
                      : STATE_UNUSABLE),
          Rule.of(StateBehindException.class, STATE_UNUSABLE));

  /**
   * Returns the exit code of a command that failed with {@code failure}: {@link #SOFTWARE} for one
   * that no rule names (a bug).
   */
  static int of(Throwable failure) {
    for (Rule rule : RULES) {
      if (rule.type().isInstance(failure)) {
        return rule.code().applyAsInt(failure);
      }
    }
    return SOFTWARE;
  }

  private ExitCode() {}
}
