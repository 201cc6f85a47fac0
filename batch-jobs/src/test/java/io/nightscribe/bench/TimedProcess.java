package io.nightscribe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A whole process timed by GNU time: wall seconds, CPU seconds of it and every child it waited for,
 * peak resident memory of the largest of them.
 */
record TimedProcess(double wallSeconds, double cpuSeconds, double peakMib) {

  /**
   * Runs {@code command} with {@code environment} added, its output in {@code log}; fails when it
   * fails (exit 3, nightscribe's "finished with quarantined inputs", is a success here).
   */
  static TimedProcess run(List<String> command, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    Path timeFile = log.resolveSibling(log.getFileName() + ".time");
    List<String> timed =
        new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%e %U %S %M"));
    timed.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    int exit = builder.start().waitFor();
    if (exit != 0 && exit != 3) {
      throw new IllegalStateException(
          "Cannot benchmark " + command.get(0) + ": exit " + exit + ", see " + log);
    }
    List<String> lines = Files.readAllLines(timeFile);
    String[] fields = lines.get(lines.size() - 1).trim().split("\\s+");
    return new TimedProcess(
        Double.parseDouble(fields[0]),
        Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]),
        Long.parseLong(fields[3]) / 1024.0);
  }

  /** The medians of each measure. */
  static TimedProcess medians(List<TimedProcess> runs) {
    return new TimedProcess(
        median(runs.stream().mapToDouble(TimedProcess::wallSeconds).toArray()),
        median(runs.stream().mapToDouble(TimedProcess::cpuSeconds).toArray()),
        median(runs.stream().mapToDouble(TimedProcess::peakMib).toArray()));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
