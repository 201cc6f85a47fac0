#!/usr/bin/env bash
# Builds the Go tools that nightscribe's infrastructure scripts use, once, and prints the path of each binary.
# A tool is built only when its versioned folder lacks it, so test runs never pay for a rebuild:
#   toxiproxy   toxiproxy-server and toxiproxy-cli v2.12.0 (fault injection; ~1.5 min cold)
#   crane       crane v0.22.1 (container images without a Docker engine; ~1 min cold)
#   kubernetes  kube-apiserver and kube-controller-manager v1.37.2 (server-side manifest checks; ~30 min cold on 2 cores)
#   all         all of them
# Cache: ${NIGHTSCRIBE_TOOLS:-~/.cache/nightscribe/tools}/<tool>-<version>/bin, with Go's build and module caches in
# go/ beside them, so a changed version rebuilds incrementally. Builds run under nice. A second caller of the same tool
# waits for the first (flock) instead of building it twice.
# Go: the machine's when it is 1.26 or newer (kube-apiserver v1.37.2 needs it); else Go 1.26.8 is fetched once, as the
# module golang.org/toolchain from the Go module proxy ($GOPROXY, checked against a pinned sha256), into the cache.
#
# Usage: scripts/tools.sh toxiproxy|crane|kubernetes|all    (prints one binary path a line on stdout)
# shellcheck disable=SC2317 # the build_* functions are called indirectly, through build()
set -euo pipefail

TOXIPROXY_VERSION=v2.12.0
CRANE_VERSION=v0.22.1
KUBERNETES_VERSION=v1.37.2
TOOLS="${NIGHTSCRIBE_TOOLS:-$HOME/.cache/nightscribe/tools}"
GO_MINIMUM=1.26
GO_VERSION=1.26.8
GO_TOOLCHAIN_SHA256=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

[[ $# -eq 1 ]] || { usage >&2; exit 2; }
case "$1" in
  toxiproxy|crane|kubernetes|all) ;;
  -h|--help) usage; exit 0 ;;
  *) echo "tools: unknown tool '$1' (expected toxiproxy, crane, kubernetes or all)" >&2; exit 2 ;;
esac

# go_is_recent: whether the go on PATH is GO_MINIMUM or newer.
go_is_recent() {
  local version
  command -v go >/dev/null || return 1
  version="$(go env GOVERSION 2>/dev/null)" || return 1
  version=${version#go}
  [[ "$(printf '%s\n%s\n' "$GO_MINIMUM" "$version" | sort -V | head -n 1)" == "$GO_MINIMUM" ]]
}

# fetch_go: Go GO_VERSION from the Go module proxy (the toolchain is published there as a module), unpacked into the
# cache once, verified against GO_TOOLCHAIN_SHA256.
fetch_go() {
  local dir="$TOOLS/go$GO_VERSION" module="golang.org/toolchain" version="v0.0.1-go$GO_VERSION.linux-amd64" proxy zip
  if [[ ! -x $dir/bin/go ]]; then
    [[ $(uname -m) == x86_64 ]] || die "no Go $GO_MINIMUM+ on PATH, and only linux-amd64 Go is fetched: install Go $GO_MINIMUM or newer"
    ensure_debian_packages curl unzip ca-certificates
    proxy="${GOPROXY:-https://proxy.golang.org}"
    proxy="${proxy%%[,|]*}"
    [[ $proxy == http* ]] || proxy=https://proxy.golang.org
    zip="$(mktemp "$TOOLS/.go-XXXXXX.zip")"
    echo "tools: fetching Go $GO_VERSION from $proxy (once, ~70 MB)..." >&2
    curl -fsSL --retry 3 -o "$zip" "$proxy/$module/@v/$version.zip" \
      || { rm -f "$zip"; die "cannot fetch Go $GO_VERSION from $proxy/$module/@v/$version.zip: check that the Go module proxy is reachable (GOPROXY), or install Go $GO_MINIMUM or newer"; }
    echo "$GO_TOOLCHAIN_SHA256  $zip" | sha256sum --check --status \
      || { rm -f "$zip"; die "Go $GO_VERSION from $proxy does not have the sha256 this script pins: fetch it from another proxy (GOPROXY)"; }
    local staging
    staging="$(mktemp -d "$TOOLS/.go$GO_VERSION.XXXXXX")"
    unzip -q "$zip" -d "$staging" && rm -f "$zip"
    rm -rf "$dir"
    mv "$staging/$module@$version" "$dir"
    rm -rf "$staging"
  fi
  export PATH="$dir/bin:$PATH"
}

mkdir -p "$TOOLS"
go_is_recent || fetch_go

mkdir -p "$TOOLS/go"
export GOCACHE="$TOOLS/go/cache" GOMODCACHE="$TOOLS/go/mod"
# Static binaries without a C compiler; never let a go.mod's toolchain line download another Go.
# -modcacherw: the module cache can then be deleted with rm -rf like the rest of the tools folder.
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--buildvcs=false} -modcacherw"

# Reports a failed go command in one line: a refused download names the module proxy, anything else the log.
go_failed() {
  local what=$1 log=$2 line
  line="$(grep -m1 -E 'requires go >= ' "$log" || true)"
  [[ -z "$line" ]] || die "cannot build $what with $(go env GOVERSION): $line: install that Go version or newer and put it on PATH"
  line="$(grep -m1 -E 'go: .*(: reading |: verifying |module lookup disabled|403 Forbidden|410 Gone|404 Not Found|connection refused|dial tcp|no such host|i/o timeout|TLS handshake)' "$log" || true)"
  if [[ -n "$line" ]]; then
    die "cannot build $what: a module download was refused ($line): check that GOPROXY ($(go env GOPROXY)) is reachable and serves it; full log: $log"
  fi
  die "cannot build $what: $(grep -m1 -vE '^\s*$' <(tail -n 5 "$log")) (full log: $log)"
}

# build NAME VERSION BINARIES... -- BUILD_FUNCTION: runs BUILD_FUNCTION STAGING_BIN_DIR under a lock when a binary
# is missing, then moves the staging folder into place in one rename, so an interrupted build leaves nothing half-made.
build() {
  local name=$1 version=$2; shift 2
  local binaries=() fn
  while [[ $1 != -- ]]; do binaries+=("$1"); shift; done
  fn=$2
  local dir="$TOOLS/$name-$version"
  have() { local b; for b in "${binaries[@]}"; do [[ -x "$dir/bin/$b" ]] || return 1; done; }
  if ! have; then
    exec 9>"$TOOLS/.$name-$version.lock"
    flock 9
    if ! have; then
      local staging log started
      staging="$(mktemp -d "$TOOLS/.$name-$version.XXXXXX")"
      log="$TOOLS/$name-$version.log"
      started=$SECONDS
      echo "tools: building $name $version (cached in $dir; log $log)..." >&2
      mkdir -p "$staging/bin"
      # Not in an if: bash ignores set -e inside a subshell whose status is tested.
      local rc=0
      set +e
      (cd "$staging" && "$fn" "$staging/bin") >"$log" 2>&1
      rc=$?
      set -e
      if ((rc)); then
        rm -rf "$staging"
        go_failed "$name $version" "$log"
      fi
      rm -rf "$dir"
      mv "$staging" "$dir"
      echo "tools: built $name $version in $((SECONDS - started)) s" >&2
    fi
    flock -u 9
  fi
  local b
  for b in "${binaries[@]}"; do echo "$dir/bin/$b"; done
}

build_toxiproxy() {
  local bin=$1
  GOBIN="$bin" nice -n 10 go install -ldflags="-s -w -X github.com/Shopify/toxiproxy/v2.Version=${TOXIPROXY_VERSION#v}" \
    "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" \
    "github.com/Shopify/toxiproxy/v2/cmd/cli@$TOXIPROXY_VERSION"
  mv "$bin/server" "$bin/toxiproxy-server"
  mv "$bin/cli" "$bin/toxiproxy-cli"
}

build_crane() {
  GOBIN="$1" nice -n 10 go install "github.com/google/go-containerregistry/cmd/crane@$CRANE_VERSION"
}

# k8s.io/kubernetes is not meant to be a dependency: its go.mod points the k8s.io/* staging modules at folders of its
# own tree (./staging/src/k8s.io/...). A wrapper module requires it and replaces each of those with the published
# v0.<minor>.<patch> module of the same release; the list is read from kubernetes' own go.mod, so it follows the version.
build_kubernetes() {
  local bin=$1 gomod staging_version="v0.${KUBERNETES_VERSION#v1.}"
  gomod="$(go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')"
  [[ -f "$gomod" ]] || { echo "go: k8s.io/kubernetes@$KUBERNETES_VERSION: reading go.mod failed"; return 1; }
  local modules
  modules="$(sed -n 's#^\s*\(k8s\.io/[^ ]*\) => \./staging/src/.*#\1#p' "$gomod" | sort -u)"
  [[ -n "$modules" ]] || { echo "no staging replace lines found in $gomod"; return 1; }
  echo "replacing $(wc -l <<<"$modules") staging modules with $staging_version"
  mkdir -p wrapper
  {
    echo "module nightscribe.invalid/kubernetes-tools"
    echo
    echo "go $(sed -n 's/^go \([0-9.]*\)$/\1/p' "$gomod")"
    echo
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    echo
    echo "replace ("
    while read -r m; do echo "	$m => $m $staging_version"; done <<<"$modules"
    echo ")"
  } >wrapper/go.mod
  cd wrapper
  go get "k8s.io/kubernetes/cmd/kube-apiserver@$KUBERNETES_VERSION" \
    "k8s.io/kubernetes/cmd/kube-controller-manager@$KUBERNETES_VERSION"
  local minor=${KUBERNETES_VERSION#v1.}; minor=${minor%%.*}
  local ldflags="" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=$KUBERNETES_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  done
  nice -n 10 go build -ldflags="-s -w$ldflags" -o "$bin/" k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager
}

want=$1
[[ $want == toxiproxy || $want == all ]] && build toxiproxy "$TOXIPROXY_VERSION" toxiproxy-server toxiproxy-cli -- build_toxiproxy
[[ $want == crane || $want == all ]] && build crane "$CRANE_VERSION" crane -- build_crane
[[ $want == kubernetes || $want == all ]] && build kubernetes "$KUBERNETES_VERSION" kube-apiserver kube-controller-manager -- build_kubernetes
exit 0
