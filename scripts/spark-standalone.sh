#!/usr/bin/env bash
# A Spark standalone cluster on this machine, for trying `nightscribe transcribe --runner spark` and for
# scripts/bench.sh --spark, made from the Spark jars the build resolved (spark-inference/target/spark-runtime.classpath):
# no Spark distribution is needed. A master on 127.0.0.1 (--port, default 7077; web UI --webui-port, default 8080) and
# one worker with --cores (default: all), --memory (default 4g) and, with --gpus 0,1, GPU addresses reported by a
# discovery script: Spark then schedules GPUs as on a GPU node, and tasks run on the CPU (no CUDA here) and say so in
# run.json. Logs and the SPARK_HOME go to $NIGHTSCRIBE_SPARK_STANDALONE (default ~/.cache/nightscribe/spark-standalone).
#
# Usage: scripts/spark-standalone.sh start [--cores N] [--memory SIZE] [--gpus A,B] [--port P] [--webui-port P]
#        scripts/spark-standalone.sh stop
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
dir="${NIGHTSCRIBE_SPARK_STANDALONE:-$HOME/.cache/nightscribe/spark-standalone}"

stop() {
  local pid_file
  for pid_file in "$dir"/worker.pid "$dir"/master.pid; do
    [[ -f "$pid_file" ]] || continue
    kill "$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

command="${1:-}"
shift || true
case "$command" in
  stop) stop; echo "spark-standalone: stopped" >&2; exit 0 ;;
  start) ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; [[ "$command" == -h || "$command" == --help ]] && exit 0; exit 2 ;;
esac

cores="$(nproc)" memory=4g gpus="" port=7077 webui_port=8080
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cores) cores=$2; shift ;;
    --memory) memory=$2; shift ;;
    --gpus) gpus=$2; shift ;;
    --port) port=$2; shift ;;
    --webui-port) webui_port=$2; shift ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
  shift
done

classpath="$root/spark-inference/target/spark-runtime.classpath"
if [[ ! -f "$classpath" ]]; then
  echo "spark-standalone: building (once)..." >&2
  (cd "$root" && mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package -pl spark-inference -am >&2)
fi
stop
rm -rf "$dir/home" && mkdir -p "$dir/home/jars" "$dir/home/conf" "$dir/work"
tr ':' '\n' <"$classpath" | grep '\.jar$' | grep -v -E '/(logback-[a-z]+|log4j-to-slf4j)-[0-9]' |
  while read -r jar; do ln -sf "$jar" "$dir/home/jars/"; done
cat >"$dir/home/conf/log4j2.properties" <<'LOG4J'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
LOG4J
export SPARK_HOME="$dir/home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
spark_cp="$SPARK_HOME/conf:$SPARK_HOME/jars/*"
nohup java -Xmx512m -cp "$spark_cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port "$webui_port" >"$dir/master.log" 2>&1 &
echo $! >"$dir/master.pid"
worker_options=(-Xmx512m)
if [[ -n "$gpus" ]]; then
  printf '#!/bin/sh\necho '"'"'{"name":"gpu","addresses":[%s]}'"'"'\n' "$(sed 's/[^,][^,]*/"&"/g' <<<"$gpus")" \
    >"$dir/home/discover-gpus.sh"
  chmod +x "$dir/home/discover-gpus.sh"
  worker_options+=(-Dspark.worker.resource.gpu.amount="$(tr ',' '\n' <<<"$gpus" | wc -l)"
    -Dspark.worker.resource.gpu.discoveryScript="$dir/home/discover-gpus.sh")
fi
nohup java "${worker_options[@]}" -cp "$spark_cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
  --cores "$cores" --memory "$memory" --work-dir "$dir/work" "spark://127.0.0.1:$port" >"$dir/worker.log" 2>&1 &
echo $! >"$dir/worker.pid"
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$webui_port/json/" 2>/dev/null | grep -q '"aliveworkers" *: *1'; then
    echo "spark-standalone: master spark://127.0.0.1:$port (web UI http://127.0.0.1:$webui_port), one worker:" \
      "$cores cores, $memory${gpus:+, GPUs $gpus}; logs in $dir" >&2
    echo "spark://127.0.0.1:$port"
    exit 0
  fi
  sleep 0.5
done
stop
die "the cluster did not come up within 60 s: $(tail -n 3 "$dir/master.log" "$dir/worker.log")"
