package io.ecdp.customers.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * Files and folders that hold personal data (rejected rows, checkpoints, the sandbox's customers):
 * readable by their owner only, set as they are created, never after; a file that already exists
 * with wider permissions is narrowed to its owner before anything is written to it.
 */
final class PrivateFiles {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates {@code dir} and its missing parents, each one created {@code 0700}. */
  static void directories(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    directories(dir.toAbsolutePath().getParent());
    if (POSIX) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    } else {
      Files.createDirectory(dir);
    }
  }

  /**
   * Opens {@code file} for appending (or anew, with {@code truncate}), created {@code 0600}; an
   * existing file readable by others is narrowed to {@code 0600} first.
   */
  static BufferedWriter writer(Path file, boolean truncate) throws IOException {
    Set<OpenOption> options = new HashSet<>();
    options.add(StandardOpenOption.CREATE);
    options.add(StandardOpenOption.WRITE);
    options.add(truncate ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
    FileAttribute<?>[] attributes =
        POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
            : new FileAttribute<?>[0];
    if (POSIX && Files.exists(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
      Files.setPosixFilePermissions(file, FILE); // before a byte of personal data goes in
    }
    return new BufferedWriter(
        Channels.newWriter(
            Files.newByteChannel(file, options, attributes), StandardCharsets.UTF_8));
  }
}
