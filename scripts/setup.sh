#!/usr/bin/env bash
# Installs what nightscribe's build, tests and quickstart need on a fresh Debian machine, and nothing twice:
#   - Debian packages: FFmpeg CLI (benchmarks, test fixtures), sox, flite, espeak-ng (synthetic speech),
#     fortunes (sentences to synthesize), wamerican (the word list DJL models decode with), pocketsphinx-testdata and asterisk sounds (real speech),
#     PostgreSQL server binaries, Prometheus (with promtool) and the Pushgateway (tests; none of them is started here);
#   - a Python virtualenv with the MLflow tracking server, moto's S3 server, onnx (tests only: the ONNX fixture),
#     kubernetes-validate (the Kubernetes 1.37 schemas the rendered manifests are checked against, offline)
#     and vosk (benchmarks only: its vosk-transcriber is the peer scripts/bench.sh measures nightscribe against),
#     at $NIGHTSCRIBE_VENV (default ~/.cache/nightscribe/mlflow-venv);
#   - kubectl (its `kubectl kustomize` builds the documented overlays in KubernetesManifestsIT), from the apt
#     repositories this machine has; where none offers it, setup stops and says where to get it;
#   - toxiproxy-server (fault-injection tests), through scripts/tools.sh: built once into its cache, never rebuilt.
# Usage: scripts/setup.sh [--no-python]
set -euo pipefail

MLFLOW_VERSION=3.17.2
MOTO_VERSION=5.2.5
ONNX_VERSION=1.23.2
KUBERNETES_VALIDATE_VERSION=1.37.0
VOSK_VERSION=0.3.45
VENV="${NIGHTSCRIBE_VENV:-$HOME/.cache/nightscribe/mlflow-venv}"
PACKAGES=(ffmpeg sox flite espeak-ng fortunes wamerican pocketsphinx-testdata asterisk-core-sounds-en-wav asterisk-core-sounds-en
  postgresql prometheus prometheus-pushgateway chromium fonts-dejavu-core)

with_python=1
[[ "${1:-}" == "--no-python" ]] && with_python=0

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Debian's python3 makes virtualenvs only with python3-venv (ensurepip); a python3 built elsewhere has it already.
if ((with_python)) && ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v kubectl >/dev/null; then
  echo "setup: installing kubectl" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends kubectl >/dev/null 2>&1 \
    || { echo "setup: kubectl is missing and no apt repository here offers it: add Kubernetes' apt repository (https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/) or put kubectl on PATH, then run setup again" >&2; exit 1; }
fi

if ((with_python)) && ! "$VENV/bin/python" -c "import mlflow, moto, onnx, kubernetes_validate, vosk" >/dev/null 2>&1; then
  echo "setup: creating the Python test virtualenv (MLflow, moto, onnx, kubernetes-validate, vosk) in $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "mlflow==$MLFLOW_VERSION" "moto[server]==$MOTO_VERSION" \
    "onnx==$ONNX_VERSION" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" \
    "vosk==$VOSK_VERSION"
fi

# InjectedFaultsIT puts toxiproxy between the job and its services; ToxiproxyServer asks tools.sh for it too, so
# building it here only keeps the ~1.5 min cold build out of a test's time.
"$(dirname "$0")/tools.sh" toxiproxy >/dev/null
