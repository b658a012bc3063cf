#!/usr/bin/env bash
# End-to-end tests of the extension inside a real VS Code, offline.
#
#   VS Code  = code-server (VS Code 1.139 server + web workbench) on Node 24, both from the npm
#              registry and cached outside the project (e2e/tools.sh)
#   browser  = Debian's chromium, driven headless by playwright-core
#
# Suites, against one code-server on 127.0.0.1:
#   ui       the packaged .vsix installed as a user would; the workbench opens a folder of broken
#            and fixed examples (e2e/ui-driver.mjs runs e2e/ui/*.mjs)
#   exthost  Mocha inside the Node extension host with the real `vscode` API, the unpacked .vsix
#            as the development extension (e2e/exthost-driver.mjs runs e2e/exthost/*.test.ts);
#            then one fresh host per language checks that opening that language alone activates it
#
# Prints one line per check, the .vsix size, the activation times and, last,
# `e2e: N passed, N failed`. Logs and screenshots go to .e2e-artifacts/ (E2E_ARTIFACTS).
# Env: E2E_TOOLS (tool cache), E2E_KEEP=1 (keep the temporary folder), UI_ONLY (test name filter),
#      E2E_SUITES (default "ui exthost activation").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARTIFACTS=${E2E_ARTIFACTS:-$ROOT/.e2e-artifacts}
T0=$(date +%s)
step() { echo "== [$(( $(date +%s) - T0 ))s] $*"; }

rm -rf "$ARTIFACTS"; mkdir -p "$ARTIFACTS"
WORK=$(mktemp -d /tmp/layerwise-e2e.XXXXXX)
CS_PGIDS=()
cleanup() {
  local rc=$? pg
  for pg in "${CS_PGIDS[@]}"; do
    # code-server, its extension hosts, the language servers and file watchers share the group.
    kill -TERM -- "-$pg" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pg" 2>/dev/null || true
  done
  cp "$WORK"/*.log "$ARTIFACTS/" 2>/dev/null || true
  [ -d "$WORK/data/logs" ] && cp -r "$WORK/data/logs" "$ARTIFACTS/vscode-logs" 2>/dev/null || true
  [ "${E2E_KEEP:-0}" = 1 ] && echo "kept $WORK" || rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

step "tools (chromium, node 24, code-server)"
# shellcheck source=tools.sh
source "$ROOT/e2e/tools.sh"
cs() { PATH="$NODE24/bin:$PATH" "$CS" --config /dev/null "$@"; }
echo "$(cs --version | head -1) | $("$CHROMIUM" --version 2>/dev/null | head -1)"

step "build and package the extension"
cd "$ROOT"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
npx --no-install vsce package --no-dependencies --no-rewrite-relative-links -o "$WORK/layerwise.vsix" > "$WORK/vsce.log" 2>&1 \
  || { cat "$WORK/vsce.log"; exit 1; }
mkdir -p "$WORK/unpacked" && (cd "$WORK/unpacked" && unzip -q "$WORK/layerwise.vsix")
VSIX_BYTES=$(stat -c %s "$WORK/layerwise.vsix")
VSIX_FILES=$(find "$WORK/unpacked/extension" -type f | wc -l)
unzip -l "$WORK/layerwise.vsix" > "$ARTIFACTS/vsix-files.txt"
echo "vsix: $VSIX_BYTES bytes, $VSIX_FILES files in extension/ (list: $ARTIFACTS/vsix-files.txt)"
if [ -d "$WORK/unpacked/extension/node_modules" ]; then echo "FAIL: the .vsix carries node_modules"; exit 1; fi
npx --no-install esbuild e2e/exthost/index.ts e2e/exthost/*.test.ts --bundle --platform=node --format=cjs \
  --target=node20 --external:vscode --external:mocha --log-level=warning --outdir=e2e/.build/exthost

step "fixture workspace and profile"
# The workspace: the examples (broken and fixed, all four languages), two .conf files whose names
# and folders say nothing (one OpenVPN, one nginx: the client places them by content), scratch files.
WS=$WORK/ws; DATA=$WORK/data; EXTS=$WORK/exts
mkdir -p "$WS/unlabelled" "$WS/scratch" "$DATA/User" "$EXTS" "$WORK/tmp"
cp -r "$ROOT/examples" "$WS/examples"
cp "$ROOT/examples/openvpn/fixed/server.conf" "$WS/unlabelled/gateway.conf"
cp "$ROOT/examples/nginx/l4-proxy/fixed/nginx.conf" "$WS/unlabelled/edge.conf"
: > "$WS/scratch/empty.nginx"
cat > "$DATA/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.editor.enablePreview": false,
  "editor.wordBasedSuggestions": "off",
  "files.autoSave": "off",
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true
}
JSON
cs --user-data-dir "$DATA" --extensions-dir "$EXTS" --install-extension "$WORK/layerwise.vsix" --force > "$WORK/install-extension.log" 2>&1 \
  || { cat "$WORK/install-extension.log"; exit 1; }
tail -1 "$WORK/install-extension.log"

# Starts code-server on a free loopback port and sets CS_URL. Arguments: user data dir, log name,
# extra flags. setsid: its own process group, so cleanup stops everything it started.
# EXTENSIONS_GALLERY={} keeps it from asking a marketplace; TMPDIR keeps its sockets in the run folder.
start_code_server() {
  local data=$1 logname=$2 port; shift 2
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  CS_URL=http://127.0.0.1:$port
  PATH="$NODE24/bin:$PATH" TMPDIR="$WORK/tmp" EXTENSIONS_GALLERY='{}' setsid "$CS" --config /dev/null \
    --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
    --disable-getting-started-override --reconnection-grace-time 5 \
    --vscode-option enable-smoke-test-driver --user-data-dir "$data" --extensions-dir "$EXTS" "$@" \
    > "$WORK/$logname" 2>&1 < /dev/null &
  CS_PGIDS+=($!)
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$CS_URL/healthz" && break; sleep 0.25; done
  curl -sf -o /dev/null "$CS_URL/healthz" || { tail -40 "$WORK/$logname"; exit 1; }
}
start_code_server "$DATA" code-server.log --disable-workspace-trust
step "code-server on $CS_URL"
MAIN_CS_URL=$CS_URL

P=0; F=0
# Adds a suite's "<name>: N passed, N failed" line to the totals; a suite without one failed.
tally() {
  local l; l=$(grep -E "^$2: [0-9]+ passed, [0-9]+ failed" "$1" | tail -1) || true
  if [ -z "$l" ]; then F=$((F + 1)); echo "$2: no result line (see $1)"; return; fi
  P=$((P + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$l"))); F=$((F + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$l")))
}
export CS_URL CHROMIUM E2E_ARTIFACTS=$ARTIFACTS

SUITES=" ${E2E_SUITES:-ui exthost activation trust} "
if [[ $SUITES == *" ui "* ]]; then
step "ui suite (installed .vsix in the workbench)"
WS_FOLDER="$WS" node "$ROOT/e2e/ui-driver.mjs" 2>&1 | tee "$WORK/ui.log" | grep -E '^\[ui .*\] (PASS|FAIL|activation|hover|snippet)|^ui: ' || true
tally "$WORK/ui.log" ui
fi

if [[ $SUITES == *" exthost "* ]]; then
step "exthost suite (Mocha in the extension host)"
echo '{"grep": "(own host)", "invert": true}' > "$WS/.exthost-suite.json"
WS_FOLDER="$WS" EXT_DIR="$WORK/unpacked/extension" EXT_TESTS="$ROOT/e2e/.build/exthost/index.js" \
  node "$ROOT/e2e/exthost-driver.mjs" > "$WORK/exthost.log" 2>&1 || true
grep -E '^\s+(✔|✓|[0-9]+\))|passing|failing|^exthost: ' "$WORK/exthost.log" || true
tally "$WORK/exthost.log" exthost
fi

if [[ $SUITES == *" activation "* ]]; then
step "activation by each language alone (one fresh extension host each)"
for lang in nginx ssh_config sshd_config openvpn 'openvpn (.conf placed by content)'; do
  # Each run gets its own copy of the workspace, so no editor state carries over.
  run=$WORK/ws-activation-$(echo "$lang" | tr -c 'a-z_' '-')
  cp -r "$WS" "$run"
  node -e 'console.log(JSON.stringify({ grep: `activates on its own for ${process.argv[1]} (own host)`, whole: true }))' "$lang" > "$run/.exthost-suite.json"
  WS_FOLDER="$run" EXT_DIR="$WORK/unpacked/extension" EXT_TESTS="$ROOT/e2e/.build/exthost/index.js" \
    node "$ROOT/e2e/exthost-driver.mjs" > "$WORK/activation.log.tmp" 2>&1 || true
  cat "$WORK/activation.log.tmp" >> "$WORK/activation.log"
  grep -E '^activation \(exthost|^\s+[0-9]+\) ' "$WORK/activation.log.tmp" || true
  tally "$WORK/activation.log.tmp" exthost
done
fi

if [[ $SUITES == *" trust "* ]]; then
step "restricted mode (a second code-server with workspace trust on, nothing trusted)"
# nginx.conf includes one file inside the folder and one outside it; see e2e/exthost/trust.test.ts.
UNTRUSTED=$WORK/ws-untrusted; mkdir -p "$UNTRUSTED" "$WORK/outside" "$WORK/data-untrusted/User"
echo 'server_tokens off;' > "$WORK/outside/extra.conf"
echo 'sendfile on;' > "$UNTRUSTED/inside.conf"
printf 'events {}\nhttp {\n    include %s;\n    include inside.conf;\n}\n' "$WORK/outside/extra.conf" > "$UNTRUSTED/nginx.conf"
echo '{"grep": "untrusted workspace (own host)"}' > "$UNTRUSTED/.exthost-suite.json"
sed -e 's/"security.workspace.trust.enabled": false/"security.workspace.trust.enabled": true,\n  "security.workspace.trust.startupPrompt": "never"/' \
  "$DATA/User/settings.json" > "$WORK/data-untrusted/User/settings.json"
start_code_server "$WORK/data-untrusted" code-server-untrusted.log
WS_FOLDER="$UNTRUSTED" EXT_DIR="$WORK/unpacked/extension" EXT_TESTS="$ROOT/e2e/.build/exthost/index.js" \
  node "$ROOT/e2e/exthost-driver.mjs" > "$WORK/trust.log" 2>&1 || true
grep -E '^\s+(✔|✓|[0-9]+\))|^exthost: ' "$WORK/trust.log" || true
tally "$WORK/trust.log" exthost
CS_URL=$MAIN_CS_URL
fi

step "done"
echo "vsix: $VSIX_BYTES bytes ($(( (VSIX_BYTES + 1023) / 1024 )) KiB), $VSIX_FILES files"
[ -f "$ARTIFACTS/activation-running-extensions.txt" ] && echo "activation (Running Extensions, first activation): $(cat "$ARTIFACTS/activation-running-extensions.txt") ms"
echo "artifacts: $ARTIFACTS"
echo "e2e: $P passed, $F failed" | tee "$ARTIFACTS/e2e-summary.txt"
[ "$F" -eq 0 ]
