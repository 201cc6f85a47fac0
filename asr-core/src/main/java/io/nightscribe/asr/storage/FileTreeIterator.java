package io.nightscribe.asr.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Walks a folder tree depth first, yielding regular files in the order of their keys. Each folder
 * is listed only when the walk enters it, so memory holds one sorted listing per depth level.
 *
 * <p>Sorting a folder's entries by name, with "/" appended to folders, gives global key order:
 * every key under folder "a" starts with "a/", so "a-b" (a file) sorts before it and "a0" after it,
 * as S3 would list them.
 */
final class FileTreeIterator implements Iterator<Path> {
  private static final Comparator<Entry> KEY_ORDER = Comparator.comparing(Entry::sortKey);

  private record Entry(Path path, boolean folder, String sortKey) {
    static Entry of(Path path) {
      boolean folder = Files.isDirectory(path);
      String name = path.getFileName().toString();
      return new Entry(path, folder, folder ? name + "/" : name);
    }
  }

  private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
  private Path next;

  /** Starts at the entries of {@code folder}; a missing folder yields nothing. */
  FileTreeIterator(Path folder) {
    if (Files.isDirectory(folder)) {
      stack.push(sortedEntries(folder));
    }
  }

  @Override
  public boolean hasNext() {
    while (next == null && !stack.isEmpty()) {
      Iterator<Entry> top = stack.peek();
      if (!top.hasNext()) {
        stack.pop();
        continue;
      }
      Entry entry = top.next();
      if (entry.folder()) {
        stack.push(sortedEntries(entry.path()));
      } else if (Files.isRegularFile(entry.path())) {
        next = entry.path();
      }
    }
    return next != null;
  }

  @Override
  public Path next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Path result = next;
    next = null;
    return result;
  }

  private static Iterator<Entry> sortedEntries(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      List<Entry> entries = children.map(Entry::of).sorted(KEY_ORDER).toList();
      return entries.iterator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
