#!/usr/bin/env bash
# Runs every test of the project: Rust (unit, property, integration, doc tests)
# and Python (pytest on the built extension). One release build serves both.
#
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
VENV="${ENTROPYK_VENV:-$PWD/.venv}"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2" "pytest>=7" "numpy>=1.21" pandas matplotlib hypothesis "dask[distributed]"

echo "== Rust tests (release) =="
cargo test --release --workspace --exclude entropyk-python

echo "== Python extension (maturin develop --release) =="
(cd python && VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" develop --release --quiet)

echo "== Python tests =="
# pytest exits 5 when it collects no test: set -e turns that into a failure.
"$VENV/bin/python" -m pytest python/tests -q
