package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs a test application's compiled classes into a jar that a Spark cluster can run. */
final class AppJars {
  private AppJars() {}

  /**
   * Writes {@code jar} holding {@code mainClass} and its nested and lambda classes, with {@code
   * mainClass} as the manifest's Main-Class.
   */
  static Path write(Path jar, Class<?> mainClass) throws IOException {
    Path classes = classesRoot(mainClass);
    String packagePath = mainClass.getPackageName().replace('.', '/');
    String prefix = mainClass.getSimpleName();
    List<Path> files;
    try (Stream<Path> listing = Files.list(classes.resolve(packagePath))) {
      files =
          listing
              .filter(
                  file -> {
                    String name = file.getFileName().toString();
                    return name.equals(prefix + ".class") || name.startsWith(prefix + "$");
                  })
              .sorted()
              .toList();
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      for (Path file : files) {
        jarOut.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  private static Path classesRoot(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the classes of " + type.getName(), e);
    }
  }
}
