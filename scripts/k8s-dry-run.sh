#!/usr/bin/env bash
# Checks Kubernetes manifests against a real API server: starts Debian's etcd and the kube-apiserver that
# scripts/tools.sh builds and caches (v1.37.2) on 127.0.0.1 in a temp dir, runs `kubectl apply --dry-run=server -k` on
# each kustomize folder (one with kustomization.yaml) and `kubectl create --dry-run=server` on each other PATH (a file
# or a folder of manifests: create, so that Job templates with generateName check too), prints one line per object,
# stops everything on exit, and exits 1 if the server rejected any object. The server checks what a schema
# cannot: values (time zones, enums), cross-field rules (podFailurePolicy needs restartPolicy Never), admission.
#
# With --controllers SECONDS it then applies (or creates) the manifests for real, starts kube-controller-manager with the cronjob,
# job, ttl-after-finished and garbagecollector controllers, and prints `kubectl get cronjobs,jobs` every 10 s for
# SECONDS seconds (KUBECONFIG is printed too, for a look by hand meanwhile). There is no kubelet: pods stay Pending.
#
# Namespaces that the objects name are created first, so a set whose Namespace object comes with it still checks.
# The first run builds kube-apiserver (~30 min on 2 cores, once; see scripts/tools.sh).
#
# Usage: scripts/k8s-dry-run.sh [--controllers SECONDS] PATH...
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }

controllers_seconds=0
paths=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --controllers)
      [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "k8s-dry-run: --controllers needs a number of seconds (try --help)" >&2; exit 2; }
      controllers_seconds=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; paths+=("$@"); break ;;
    -*) echo "k8s-dry-run: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) paths+=("$1") ;;
  esac
  shift
done
((${#paths[@]})) || { usage >&2; exit 2; }
for path in "${paths[@]}"; do
  [[ -e $path ]] || die "no such file or folder: $path"
done

ensure_debian_packages etcd-server openssl
command -v kubectl >/dev/null || ensure_debian_packages kubectl
command -v kubectl >/dev/null || die "kubectl is missing: install it (apt-get install kubectl, from the Kubernetes or Google Cloud apt repository)"
mapfile -t k8s_binaries < <("$root/scripts/tools.sh" kubernetes)
apiserver=${k8s_binaries[0]}
controller_manager=${k8s_binaries[1]}

work="$(mktemp -d /tmp/nightscribe-k8s-XXXXXX)"
pids=()
# Newest first: kube-apiserver hangs in its shutdown when etcd is already gone. 5 s each, then SIGKILL.
stop() {
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[$i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Certificates: one CA signs the server's certificate and an admin client certificate (group system:masters).
pki="$work/pki"
mkdir -p "$pki"
(
  cd "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=nightscribe-dry-run-ca -keyout ca.key -out ca.crt
  openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver -keyout server.key -out server.csr
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' >server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt
  openssl req -newkey rsa:2048 -nodes -subj /O=system:masters/CN=admin -keyout admin.key -out admin.csr
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -out admin.crt
  openssl genrsa -out sa.key 2048
  openssl rsa -in sa.key -pubout -out sa.pub
) >"$work/openssl.log" 2>&1 || die "cannot make certificates with openssl ($(tail -n 1 "$work/openssl.log")): check that openssl works"

etcd_port=$(free_port)
etcd_peer_port=$(free_port)
api_port=$(free_port)

etcd --name dry-run --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster "dry-run=http://127.0.0.1:$etcd_peer_port" >"$work/etcd.log" 2>&1 &
pids+=($!)

# --endpoint-reconciler-type=none: the default reconciler refuses a loopback advertise address.
"$apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
  --tls-cert-file "$pki/server.crt" --tls-private-key-file "$pki/server.key" --client-ca-file "$pki/ca.crt" \
  --authorization-mode RBAC \
  --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$pki/sa.pub" \
  --service-account-signing-key-file "$pki/sa.key" --service-cluster-ip-range 10.96.0.0/24 \
  --endpoint-reconciler-type none >"$work/apiserver.log" 2>&1 &
pids+=($!)

export KUBECONFIG="$work/kubeconfig"
kubectl config set-cluster dry-run --server "https://127.0.0.1:$api_port" --certificate-authority "$pki/ca.crt" \
  --embed-certs >/dev/null
kubectl config set-credentials admin --client-certificate "$pki/admin.crt" --client-key "$pki/admin.key" \
  --embed-certs >/dev/null
kubectl config set-context dry-run --cluster dry-run --user admin >/dev/null
kubectl config use-context dry-run >/dev/null

started=$SECONDS
until kubectl get --raw /readyz >/dev/null 2>&1; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      log=$([[ $i -eq 0 ]] && echo etcd || echo apiserver)
      die "$log exited while starting: $(grep -m1 -iE 'error|fatal' "$work/$log.log" || tail -n 1 "$work/$log.log")"
    fi
  done
  ((SECONDS - started < 90)) || die "the API server was not ready after 90 s: $(tail -n 1 "$work/apiserver.log")"
  sleep 0.5
done
echo "k8s-dry-run: kube-apiserver $("$apiserver" --version | awk '{print $2}') ready in $((SECONDS - started)) s" >&2

is_kustomization() { [[ -d $1 && ( -e $1/kustomization.yaml || -e $1/kustomization.yml || -e $1/Kustomization ) ]]; }

# kubectl arguments that select PATH: -k for a kustomize folder, -R -f for other folders, -f for a file.
selector() {
  if is_kustomization "$1"; then
    echo -k "$1"
  elif [[ -d $1 ]]; then
    echo -R -f "$1"
  else
    echo -f "$1"
  fi
}

# The kubectl verb for PATH: apply for a kustomize folder, create for the rest (apply refuses generateName).
verb() { if is_kustomization "$1"; then echo apply; else echo create; fi; }

# The namespaces the objects name, created for real: a dry run cannot create the namespace its objects go into.
for path in "${paths[@]}"; do
  # shellcheck disable=SC2046
  kubectl "$(verb "$path")" --dry-run=client $(selector "$path") -o jsonpath='{range .items[*]}{.metadata.namespace}{"\n"}{end}{.metadata.namespace}' \
    2>/dev/null || true
  echo
done | sort -u | grep -vE '^(default|)$' | while read -r namespace; do
  kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace" --save-config >/dev/null
done

rejected=0
for path in "${paths[@]}"; do
  echo "== $path"
  # shellcheck disable=SC2046
  kubectl "$(verb "$path")" --dry-run=server $(selector "$path") 2>&1 | sed 's/^/   /' || rejected=1
done
if ((rejected)); then
  echo "k8s-dry-run: the API server rejected objects above" >&2
  exit 1
fi
echo "k8s-dry-run: the API server accepted every object" >&2

((controllers_seconds)) || exit 0

"$controller_manager" --kubeconfig "$KUBECONFIG" --bind-address 127.0.0.1 --secure-port 0 \
  --controllers cronjob,job,ttl-after-finished,garbagecollector --leader-elect=false \
  >"$work/controller-manager.log" 2>&1 &
pids+=($!)
for path in "${paths[@]}"; do
  # shellcheck disable=SC2046
  kubectl "$(verb "$path")" $(selector "$path") | sed 's/^/   /'
done
echo "k8s-dry-run: controllers running for $controllers_seconds s; KUBECONFIG=$KUBECONFIG" >&2
until_time=$((SECONDS + controllers_seconds))
while ((SECONDS < until_time)); do
  kill -0 "${pids[2]}" 2>/dev/null \
    || die "kube-controller-manager exited: $(grep -m1 -iE 'error|fatal' "$work/controller-manager.log" || tail -n 1 "$work/controller-manager.log")"
  echo "-- $(date +%T)"
  kubectl get cronjobs,jobs --all-namespaces 2>&1 | sed 's/^/   /'
  sleep $((until_time - SECONDS < 10 ? (until_time - SECONDS > 0 ? until_time - SECONDS : 0) : 10))
done
