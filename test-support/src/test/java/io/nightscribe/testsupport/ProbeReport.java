package io.nightscribe.testsupport;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** One task's {@code PROBE} line from {@link SparkGpuProbeApp}. */
record ProbeReport(int partition, String executor, String host, String gpu, long pid, long rssKb) {
  static ProbeReport parse(String line) {
    Map<String, String> fields =
        Arrays.stream(line.trim().split(" "))
            .map(pair -> pair.split("=", 2))
            .collect(Collectors.toMap(pair -> pair[0], pair -> pair.length > 1 ? pair[1] : ""));
    return new ProbeReport(
        Integer.parseInt(fields.get("partition")),
        fields.get("executor"),
        fields.get("host"),
        fields.get("gpu"),
        Long.parseLong(fields.get("pid")),
        Long.parseLong(fields.get("rss_kb")));
  }
}
