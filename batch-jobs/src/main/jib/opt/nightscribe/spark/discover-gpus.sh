#!/bin/sh
# Tells Spark which GPUs this executor may use (spark.executor.resource.gpu.discoveryScript): prints
#   {"name":"gpu","addresses":["0","1"]}
# with the index of every GPU nvidia-smi lists. On Kubernetes the NVIDIA device plugin shows a container only the GPUs
# it was given (nvidia.com/gpu) and the NVIDIA container toolkit brings nvidia-smi into it, so these are the executor's.
# Exits 1 with a message on standard error when there is no nvidia-smi or it lists no GPU: Spark then refuses to start
# the executor instead of running GPU tasks on none.
set -eu

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "discover-gpus: nvidia-smi is missing: run GPU executors on a node with the NVIDIA container toolkit" >&2
  exit 1
fi
if ! indexes="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1)"; then
  echo "discover-gpus: nvidia-smi failed: $indexes" >&2
  exit 1
fi
addresses="$(printf '%s\n' "$indexes" | tr -d ' \r' | sed -e '/^$/d' -e 's/.*/"&"/' | paste -sd, -)"
if [ -z "$addresses" ]; then
  echo "discover-gpus: nvidia-smi lists no GPU: give the executor pods nvidia.com/gpu" >&2
  exit 1
fi
printf '{"name":"gpu","addresses":[%s]}\n' "$addresses"
