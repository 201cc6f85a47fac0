#!/usr/bin/env bash
# Installs what the monitoring module's tests need, and nothing twice: Debian's prometheus (prometheus and
# promtool, for the rule tests and PrometheusServer) and prometheus-pushgateway (PushgatewayServer). The packages
# ship systemd units; nothing here starts them: the tests run both as processes on 127.0.0.1.
# To be called from scripts/setup.sh (add both packages to its PACKAGES) once the monitoring branch is merged.
set -euo pipefail

PACKAGES=(prometheus prometheus-pushgateway)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup-prometheus: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
