#!/usr/bin/env bash
# Executes the notebooks of examples/notebooks headless on the Deno Jupyter kernel; any failing
# cell fails. Needs Debian's jupyter-nbconvert (installed here when missing and run as root) and
# the `deno` dev dependency of the workspace (`pnpm install` first).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v jupyter-nbconvert >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      jupyter-nbconvert jupyter-client python3-ipykernel >/dev/null
  else
    echo "notebook: jupyter-nbconvert is missing (apt-get install jupyter-nbconvert jupyter-client)" >&2
    exit 1
  fi
fi

# Notebooks are committed without outputs: they are regenerated here, never reviewed as diffs.
python3 - examples/notebooks/*.ipynb <<'PY'
import json, sys
for path in sys.argv[1:]:
    nb = json.load(open(path, encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
    if dirty:
        sys.exit(f"notebook: {path} has outputs in cells {dirty}; clear them before committing")
PY

# The kernel: the workspace's deno, registered for this user (idempotent).
node_modules/.bin/deno jupyter --install --force
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for nb in examples/notebooks/*.ipynb; do
  echo "notebook: executing $nb"
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=deno \
    --ExecutePreprocessor.timeout=600 --output-dir "$out" "$nb"
done
