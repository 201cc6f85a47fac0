#!/usr/bin/env bash
# Checks Kubernetes manifests offline against the Kubernetes 1.37 JSON schemas (PyPI kubernetes-validate, strict: an
# unknown field fails too). Each PATH is a file, a folder of manifests, or a kustomize folder (one with
# kustomization.yaml, rendered with `kubectl kustomize` first). Exits 1 if any object fails.
# Schemas catch types and unknown fields, not values: scripts/k8s-dry-run.sh asks a real API server for those.
#
# kubernetes-validate is installed on first use into the project's Python virtualenv,
# ${NIGHTSCRIBE_VENV:-~/.cache/nightscribe/mlflow-venv} (the one scripts/setup.sh makes); nothing is fetched after that.
#
# Usage: scripts/k8s-validate.sh PATH...
set -euo pipefail

KUBERNETES_VALIDATE_VERSION=1.37.0
KUBERNETES_VERSION=1.37.0
VENV="${NIGHTSCRIBE_VENV:-$HOME/.cache/nightscribe/mlflow-venv}"

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  '') usage >&2; exit 2 ;;
  -h|--help) usage; exit 0 ;;
  -*) echo "k8s-validate: unknown option $1 (try --help)" >&2; exit 2 ;;
esac
for path in "$@"; do
  [[ -e $path ]] || die "no such file or folder: $path"
done

installed="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("kubernetes-validate"))' 2>/dev/null || true)"
if [[ $installed != "$KUBERNETES_VALIDATE_VERSION" ]]; then
  command -v python3 >/dev/null || ensure_debian_packages python3
  if [[ ! -x $VENV/bin/pip ]]; then
    python3 -c 'import ensurepip' 2>/dev/null || ensure_debian_packages python3-venv
    python3 -m venv "$VENV"
  fi
  echo "k8s-validate: installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into $VENV" >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" \
    >"$VENV/kubernetes-validate-install.log" 2>&1 \
    || die "cannot pip install kubernetes-validate==$KUBERNETES_VALIDATE_VERSION into $VENV ($(grep -m1 ERROR "$VENV/kubernetes-validate-install.log")): check that PyPI is reachable, or remove the venv to recreate it"
fi

work="$(mktemp -d /tmp/nightscribe-k8s-validate-XXXXXX)"
trap 'rm -rf "$work"' EXIT

failed=0
n=0
for path in "$@"; do
  files=()
  if [[ -d $path && ( -e $path/kustomization.yaml || -e $path/kustomization.yml || -e $path/Kustomization ) ]]; then
    command -v kubectl >/dev/null || die "kubectl is missing, needed to render the kustomize folder $path: install it (apt-get install kubectl)"
    n=$((n + 1))
    rendered="$work/$n-$(basename "$path").yaml"
    kubectl kustomize "$path" >"$rendered" 2>"$work/kustomize.log" \
      || die "cannot render $path with kubectl kustomize: $(head -n 1 "$work/kustomize.log")"
    files=("$rendered")
  elif [[ -d $path ]]; then
    mapfile -t files < <(find "$path" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sort)
  else
    files=("$path")
  fi
  echo "== $path"
  ((${#files[@]})) || { echo "   no manifests"; continue; }
  "$VENV/bin/kubernetes-validate" --strict -k "$KUBERNETES_VERSION" "${files[@]}" 2>&1 \
    | sed -e "s#$work/[0-9]*-#kustomize:#" -e 's/^/   /' || failed=1
done
if ((failed)); then
  echo "k8s-validate: some objects do not match the Kubernetes $KUBERNETES_VERSION schemas (see above)" >&2
  exit 1
fi
echo "k8s-validate: every object matches the Kubernetes $KUBERNETES_VERSION schemas" >&2
