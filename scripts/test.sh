#!/usr/bin/env bash
# Runs every test: installs what the tests need, then `mvn verify` (unit tests, then integration tests that start
# real services on 127.0.0.1: an S3 server, PostgreSQL, an MLflow tracking server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NIGHTSCRIBE_VENV="${NIGHTSCRIBE_VENV:-$HOME/.cache/nightscribe/mlflow-venv}"
exec mvn -B -ntp verify "$@"
