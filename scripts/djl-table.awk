# Turns DjlEngineBenchmark's "djl <batch> <batching> <xRealTime> <peakRssMiB>" lines into a markdown table, one pair
# of columns per batching mode (scripts/bench.sh --djl and scripts/bench-gpu.sh print it).
$1 == "djl" { speed[$2, $3] = $4; rss[$2, $3] = $5 }
END {
  m = split("single buckets sorted padded", modes, " ")
  header = "| chunks per call |"
  rule = "|---:|"
  for (j = 1; j <= m; j++) {
    header = header " " modes[j] ", audio s per wall s | peak RSS MiB |"
    rule = rule "---:|---:|"
  }
  print header
  print rule
  n = split("1 2 4 8 16 32", sizes, " ")
  for (i = 1; i <= n; i++) {
    row = "| " sizes[i] " |"
    for (j = 1; j <= m; j++) {
      row = row " " speed[sizes[i], modes[j]] " | " rss[sizes[i], modes[j]] " |"
    }
    print row
  }
}
