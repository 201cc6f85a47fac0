# Turns DjlEngineBenchmark's "djl <batch> <bucketing> <xRealTime> <peakRssMiB>" lines into a markdown table
# (scripts/bench.sh --djl and scripts/bench-gpu.sh print it).
$1 == "djl" { speed[$2, $3] = $4; rss[$2, $3] = $5 }
END {
  print "| chunks per call | bucketing on, audio s per wall s | peak RSS MiB | bucketing off, audio s per wall s | peak RSS MiB |"
  print "|---:|---:|---:|---:|---:|"
  n = split("1 2 4 8 16 32", sizes, " ")
  for (i = 1; i <= n; i++) {
    b = sizes[i]
    printf "| %s | %s | %s | %s | %s |\n", b, speed[b, "true"], rss[b, "true"], speed[b, "false"], rss[b, "false"]
  }
}
