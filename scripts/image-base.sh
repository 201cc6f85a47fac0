#!/usr/bin/env bash
# Builds nightscribe's container base image, a Debian bookworm root file system with the Java 17 runtime, without a
# Docker engine, and prints the path of its tarball (docker-save format, what jib's tar:// base and podman load read):
#   1. mmdebstrap (variant essential) + openjdk-17-jre-headless, ca-certificates, libstdc++6; no man pages, docs or
#      locales; a user nightscribe (uid/gid 10001, home /home/nightscribe) for the application to run as;
#   2. crane append --oci-empty-base: the root file system as the image's one layer;
#   3. crane mutate through a registry that crane serves on 127.0.0.1 for the run (crane mutates only registry
#      images): platform linux/amd64, PATH, JAVA_HOME, LANG.
# The application's native libraries (libtorch with its own libgomp, Vosk, FFmpeg with libva/libdrm, ONNX Runtime)
# come in its jars and need only libc, libstdc++ and libgcc_s from the base.
#
# Cached as ~/.cache/nightscribe/images/jre17-base-<hash>.tar (NIGHTSCRIBE_IMAGES moves it), where the hash covers
# this script (the recipe: suite, mirrors, packages, settings) and crane's version: a changed input gives a new file,
# an unchanged one is never rebuilt. --rebuild builds anew anyway (for Debian's security updates). Needs root (or
# sudo) for mmdebstrap --mode=root; installs mmdebstrap with apt-get when missing. ~1.5 min, ~340 MB.
#
# Usage: scripts/image-base.sh [--rebuild]
set -euo pipefail

SUITE=bookworm
MIRRORS=(
  "deb http://deb.debian.org/debian $SUITE main"
  "deb http://deb.debian.org/debian $SUITE-updates main"
  "deb http://deb.debian.org/debian-security $SUITE-security main"
)
PACKAGES=openjdk-17-jre-headless,ca-certificates,libstdc++6
JAVA_HOME_IN_IMAGE=/usr/lib/jvm/java-17-openjdk-amd64
APP_USER=nightscribe
APP_UID=10001
IMAGES="${NIGHTSCRIBE_IMAGES:-$HOME/.cache/nightscribe/images}"

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

rebuild=0
case "${1:-}" in
  '') ;;
  --rebuild) rebuild=1 ;;
  -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "image-base: unknown option $1 (try --help)" >&2; exit 2 ;;
esac

[[ $(dpkg --print-architecture 2>/dev/null) == amd64 ]] || die "builds an amd64 image and this machine is $(dpkg --print-architecture 2>/dev/null || uname -m): run it on an amd64 Debian machine"
crane="$("$root/scripts/tools.sh" crane)"
hash="$( { cat "$0"; "$crane" version; } | sha256sum | cut -c1-12)"
image="$IMAGES/jre17-base-$hash.tar"
if [[ -s $image && $rebuild -eq 0 ]]; then
  echo "$image"
  exit 0
fi

ensure_debian_packages mmdebstrap
mkdir -p "$IMAGES"
work="$(mktemp -d "$IMAGES/.build-XXXXXX")"
registry_pid=""
cleanup() {
  [[ -n $registry_pid ]] && { kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; }
  as_root rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
echo "image-base: building the root file system with mmdebstrap (log $IMAGES/jre17-base.log)..." >&2
# Essential packages' postinsts expect man1 to exist even when man pages are left out. Copyright files stay in.
# shellcheck disable=SC2016 # the hooks expand $1 in mmdebstrap, not here
if ! printf '%s\n' "${MIRRORS[@]}" | as_root nice -n 10 mmdebstrap --mode=root --variant=essential \
    --include="$PACKAGES" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook="echo '$APP_USER:x:$APP_UID:$APP_UID:nightscribe:/home/$APP_USER:/usr/sbin/nologin' >>\"\$1/etc/passwd\"" \
    --customize-hook="echo '$APP_USER:x:$APP_UID:' >>\"\$1/etc/group\"" \
    --customize-hook="mkdir -p \"\$1/home/$APP_USER\" && chown $APP_UID:$APP_UID \"\$1/home/$APP_USER\"" \
    --customize-hook='rm -rf "$1/var/cache/apt"/*.bin "$1/var/lib/apt/lists"/* "$1/var/log"/*' \
    "$SUITE" "$work/rootfs.tar" - >"$IMAGES/jre17-base.log" 2>&1; then
  die "mmdebstrap failed ($(grep -m1 -E '^(E|Err|W: .*fail)' "$IMAGES/jre17-base.log" || tail -n 1 "$IMAGES/jre17-base.log")): check that the Debian mirror is reachable; full log $IMAGES/jre17-base.log"
fi
as_root chown "$(id -u):$(id -g)" "$work/rootfs.tar"
rootfs_seconds=$((SECONDS - started))

"$crane" append --oci-empty-base -f "$work/rootfs.tar" -t nightscribe/jre17-base:raw -o "$work/raw.tar" \
  2>"$work/crane.log" || die "crane append failed: $(tail -n 1 "$work/crane.log")"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$crane" registry serve --address "127.0.0.1:$port" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
  "$crane" catalog --insecure "127.0.0.1:$port" >/dev/null 2>&1 && break
  kill -0 "$registry_pid" 2>/dev/null || die "crane registry serve exited: $(tail -n 1 "$work/registry.log")"
  sleep 0.1
done
ref="127.0.0.1:$port/nightscribe/jre17-base"
"$crane" push --insecure "$work/raw.tar" "$ref:raw" >/dev/null 2>"$work/crane.log" \
  || die "crane push to the loopback registry failed: $(tail -n 1 "$work/crane.log")"
"$crane" mutate --insecure "$ref:raw" --set-platform linux/amd64 \
  -e "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" -e "JAVA_HOME=$JAVA_HOME_IN_IMAGE" \
  -e LANG=C.UTF-8 -l "org.opencontainers.image.title=nightscribe-jre17-base" \
  -l "org.opencontainers.image.description=Debian $SUITE with openjdk-17-jre-headless (scripts/image-base.sh $hash)" \
  -t "$ref:$hash" -o "$work/base.tar" >/dev/null 2>"$work/crane.log" \
  || die "crane mutate failed: $(tail -n 1 "$work/crane.log")"

# The tarball's tag names the throwaway registry's port: give it a stable name instead (not part of any digest).
python3 - "$work/base.tar" "$work/named.tar" "nightscribe/jre17-base:$hash" <<'PYTHON'
import io, json, sys, tarfile
source, target, tag = sys.argv[1:]
with tarfile.open(source) as tin, tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tout:
    for member in tin:
        data = tin.extractfile(member)
        if member.name == "manifest.json":
            manifest = json.load(data)
            for entry in manifest:
                entry["RepoTags"] = [tag]
            body = json.dumps(manifest, separators=(",", ":")).encode()
            member.size = len(body)
            data = io.BytesIO(body)
        tout.addfile(member, data)
PYTHON
mv "$work/named.tar" "$image"
echo "image-base: built $image in $((SECONDS - started)) s (root file system $rootfs_seconds s), $(du -m "$image" | cut -f1) MB" >&2
echo "$image"
