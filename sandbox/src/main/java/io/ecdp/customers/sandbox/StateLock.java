package io.ecdp.customers.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Holds a state's lock file ({@code <state>.lock}) for the life of a sandbox: an exclusive {@link
 * FileLock}, which the operating system releases when the process dies, on a file holding the
 * holder's process ID as text (for the message a second opener gets).
 *
 * <p>A JVM keeps one channel on a lock file at most. On Linux a process's locks on a file are
 * released when it closes <em>any</em> descriptor of that file, so a second sandbox of the same JVM
 * that opened the lock file, failed to lock it and closed it would silently release the first one's
 * lock. The lock files held by this JVM are therefore listed here, and a second opener in the JVM
 * is refused before it opens anything.
 */
final class StateLock implements AutoCloseable {

  /** The lock files this JVM holds (their canonical paths). */
  private static final Set<String> HELD = new HashSet<>();

  private final Path file;
  private final String key;
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(Path file, String key, FileChannel channel, FileLock lock) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code state}.
   *
   * @param state the state file, as the user named it
   * @param lockFile its lock file
   * @param key the lock file's canonical path, which names it within the JVM
   * @throws SandboxStateException {@link SandboxStateException.Reason#IN_USE} when another holds
   *     it, {@link SandboxStateException.Reason#UNREADABLE} when it cannot be opened
   */
  static StateLock acquire(Path state, Path lockFile, String key) {
    synchronized (HELD) {
      if (!HELD.add(key)) {
        throw inUse(state, lockFile, "this process, " + ProcessHandle.current().pid());
      }
    }
    boolean done = false;
    try {
      FileChannel channel =
          FileChannel.open(
              lockFile,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              StateFiles.privateFile(lockFile));
      try {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // held through a channel this class did not open: another library's
        }
        if (lock == null) {
          String pid = holder(channel);
          throw inUse(state, lockFile, pid == null ? null : "process " + pid);
        }
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        done = true;
        return new StateLock(lockFile, key, channel, lock);
      } finally {
        if (!done) {
          channel.close();
        }
      }
    } catch (IOException e) {
      throw new SandboxStateException(
          SandboxStateException.Reason.UNREADABLE,
          lockFile,
          "Cannot open the sandbox state's lock file "
              + lockFile
              + ": "
              + e
              + ". Check that its directory can be written, or use another state file.",
          e);
    } finally {
      if (!done) {
        synchronized (HELD) {
          HELD.remove(key);
        }
      }
    }
  }

  /** The holder's process ID as its lock file says, or null if it says none. */
  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      String pid = text.strip();
      return pid.matches("\\d{1,19}") ? pid : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static SandboxStateException inUse(Path state, Path lockFile, String holder) {
    return new SandboxStateException(
        SandboxStateException.Reason.IN_USE,
        state,
        "The sandbox state "
            + state
            + " is in use by another sandbox"
            + (holder == null ? "" : " (" + holder + ")")
            + ", which holds its lock "
            + lockFile
            + ". Wait for it to stop, or use another state file; nothing was changed.");
  }

  /** Returns the lock file. */
  Path file() {
    return file;
  }

  /** Releases the lock; the file stays (removing it would let two openers lock two files). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      try {
        channel.close();
      } finally {
        synchronized (HELD) {
          HELD.remove(key);
        }
      }
    }
  }
}
