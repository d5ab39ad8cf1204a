#!/usr/bin/env bash
# Proof that the packages are publishable: build, `pnpm pack` every package, install the tarballs
# with npm in a throwaway project outside the workspace (third-party dependencies come from the
# registry), and run a plain ESM script importing @parcours-eval/core and @parcours-eval/matching.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
PNPM="npx --yes pnpm@10"

# PACK_CHECK_SKIP_BUILD=1 reuses existing dist/ folders (local iterations only; CI builds).
if [ "${PACK_CHECK_SKIP_BUILD:-0}" != 1 ]; then $PNPM build; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tarballs" "$work/consumer"

# Every publishable package (not private), packed as pnpm publishes it: workspace:* becomes the
# version, only `files` are included.
for dir in packages/*/; do
  if node -e 'process.exit(require(process.argv[1]).private ? 0 : 1)' "$root/$dir/package.json"; then
    continue
  fi
  (cd "$dir" && $PNPM pack --pack-destination "$work/tarballs" >/dev/null)
done
ls "$work/tarballs"

# Check the tarballs: the entry point and its types exist, no test or source file leaked.
for tgz in "$work/tarballs"/*.tgz; do
  listing="$(tar -tzf "$tgz")"
  for f in package/package.json package/dist/index.js package/dist/index.d.ts package/README.md; do
    grep -qx "$f" <<<"$listing" || { echo "pack-check: $tgz lacks $f" >&2; exit 1; }
  done
  if grep -qE '^package/(src|test|bench)/' <<<"$listing"; then
    echo "pack-check: $tgz ships src/, test/ or bench/" >&2
    exit 1
  fi
done

# The consumer: outside the workspace, npm (not pnpm), every tarball as a dependency so that the
# packages' dependencies on each other resolve to the packed versions, not to the registry.
cd "$work/consumer"
printf '{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz
cp "$root/.ci/pack-consumer.mjs" consumer.mjs
cp "$root/fixtures/data/lalonde.csv" "$root/fixtures/reference/core/lalonde_models.json" \
  "$root/fixtures/reference/matching/matchit.json" .
node consumer.mjs
# The CLI as `npm install @parcours-eval/cli` gives it: the bin links and runs a real command.
./node_modules/.bin/parcours --help >/dev/null
./node_modules/.bin/parcours rdd --data "$root/fixtures/data/rdrobust_senate.csv" --y vote --x margin --json rdd.json >/dev/null
cp "$root/fixtures/reference/rdd/rdrobust_senate.json" .
node -e 'const c = require("./rdd.json").conventional.coef;
  const r = require("./rdrobust_senate.json").rdrobust.default.conventional.coef;
  if (Math.abs(c - r) > 1e-6) { console.error(`rdd: ${c}, rdrobust: ${r}`); process.exit(1); }
  console.log(`cli OK: parcours rdd ${c.toFixed(4)}`);'
