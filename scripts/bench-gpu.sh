#!/usr/bin/env bash
# Measures the DJL engine alone on a CUDA GPU: the benchmark of scripts/bench.sh --djl (nightscribe's default-size
# network with random weights, batch sizes 1 to 32, batching single, buckets, sorted and padded), on GPU 0.
#
# Maven Central has no CUDA build of libtorch 2.7.1, so the machine brings one: set PYTORCH_LIBRARY_PATH to the lib
# folder of libtorch 2.7.1 for CUDA (from pytorch.org, or a CUDA PyTorch wheel's torch/lib) and PYTORCH_FLAVOR to its
# CUDA flavor (cu118, cu126, cu128). Untested so far: no machine here has a GPU.
#
# Usage: PYTORCH_LIBRARY_PATH=/opt/libtorch/lib PYTORCH_FLAVOR=cu126 scripts/bench-gpu.sh [--minutes M] [--runs N]
set -euo pipefail

minutes=5
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes=$2; shift ;;
    --runs) runs=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-gpu: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1 \
  || { echo "bench-gpu: no CUDA GPU (nvidia-smi lists none): run this on a GPU machine" >&2; exit 2; }
[[ -n "${PYTORCH_LIBRARY_PATH:-}" && -e "$PYTORCH_LIBRARY_PATH/libtorch_cuda.so" ]] \
  || { echo "bench-gpu: PYTORCH_LIBRARY_PATH must be the lib folder of a CUDA libtorch 2.7.1 (no libtorch_cuda.so in '${PYTORCH_LIBRARY_PATH:-}')" >&2; exit 2; }
[[ -n "${PYTORCH_FLAVOR:-}" ]] || { echo "bench-gpu: set PYTORCH_FLAVOR to the CUDA flavor of that libtorch (cu118, cu126, cu128)" >&2; exit 2; }
export PYTORCH_VERSION=2.7.1

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/nightscribe-bench-gpu-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$root"

echo "bench-gpu: building..." >&2
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
djl_cp="$(reactor_classpath engine-djl "$work")"

echo "bench-gpu: DJL engine alone, batch sizes 1-32, each batching mode..." >&2
# not offline, unlike tests: DJL may need to fetch its JNI library for the CUDA flavor once
lines="$(java -cp "$djl_cp" io.nightscribe.bench.DjlEngineBenchmark "$minutes" "$runs" 2>"$work/djl.log")" \
  || { tail -n 20 "$work/djl.log" >&2; exit 1; }
grep -q '^setup .* on gpu(0),' <<<"$lines" \
  || { echo "bench-gpu: DJL ran on the CPU ($(sed -n 's/^setup //p' <<<"$lines")): check PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR" >&2; exit 1; }

cat <<MARKDOWN
## nightscribe DJL engine on GPU, $(date -u +%F)

Machine: $(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | head -n1), $(nproc) cores; Java $(java -version 2>&1 | head -n1 | cut -d'"' -f2).
$(sed -n 's/^setup //p' <<<"$lines"); greedy decoding, ConvCtcNetwork(80, 256, 8, 11, 2, 29) with random weights; seven in ten
chunks 30 s, the rest 1-29 s; the log-mel front end (on the CPU) alone runs at $(awk '/^frontend / {print $2}' <<<"$lines") x real time.
Medians of $runs runs; peak RSS is the JVM's (host memory), not the GPU's:

$(awk -f "$root/scripts/djl-table.awk" <<<"$lines")
MARKDOWN
