package io.nightscribe.asr.model;

import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest of a package in a model cache, computed once per version of its files: a stamp beside
 * the folder ({@code .<folder>.digest}) records the digest with every file's path, size and
 * modification time, and while those stay the same the digest is read from the stamp instead of
 * from hundreds of megabytes of files. Any file added, removed, resized or touched digests the
 * package again; deleting the stamp does too. Stateless and thread-safe; concurrent processes may
 * both write a stamp, and either one is right.
 */
final class DigestStamp {
  private static final Logger LOG = LoggerFactory.getLogger(DigestStamp.class);

  private DigestStamp() {}

  /** The digest of {@code directory}, from its stamp when its files are unchanged. */
  static String of(Path directory) {
    Path stamp = directory.resolveSibling("." + directory.getFileName() + ".digest");
    String listing = listing(directory);
    try {
      if (Files.isRegularFile(stamp)) {
        String[] recorded = Files.readString(stamp, StandardCharsets.UTF_8).split("\n", 2);
        if (recorded.length == 2 && recorded[1].equals(listing)) {
          return recorded[0];
        }
      }
    } catch (IOException e) {
      LOG.debug("Cannot read digest stamp {}: digesting {}", stamp, directory, e);
    }
    String digest = ModelPackageDigest.of(directory);
    try {
      Path partial =
          Files.createTempFile(stamp.getParent(), stamp.getFileName().toString(), ".part");
      Files.writeString(partial, digest + "\n" + listing, StandardCharsets.UTF_8);
      Files.move(partial, stamp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.debug(
          "Cannot write digest stamp {}: the next load digests {} again", stamp, directory, e);
    }
    return digest;
  }

  /** One line per regular file: its relative path, size and modification time, sorted. */
  private static String listing(Path directory) {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path file : walk.toList()) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
          lines.add(
              directory.relativize(file).toString().replace('\\', '/')
                  + "\t"
                  + attributes.size()
                  + "\t"
                  + attributes.lastModifiedTime().toMillis());
        }
      }
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot list model package " + directory + ": " + e.getMessage(), e);
    }
    lines.sort(String::compareTo);
    return String.join("\n", lines);
  }
}
