package io.ecdp.customers.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the files of a sandbox state, which hold personal data: files readable by their owner
 * only (0600) and directories for them likewise (0700), set when they are created, never after. On
 * a file system without POSIX permissions the defaults apply.
 */
final class StateFiles {

  private StateFiles() {}

  /** Returns the attributes of a new file readable and writable by its owner only. */
  static FileAttribute<?>[] privateFile(Path file) {
    return posix(file)
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Creates {@code dir} and its missing parents, each one created for its owner only. */
  static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && posix(existing)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
