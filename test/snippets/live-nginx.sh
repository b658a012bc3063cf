#!/usr/bin/env bash
# live-nginx.sh CONFIG PLAN_JSON
# Runs live-nginx.mjs (backends, nginx on CONFIG, probes) inside private network and mount
# namespaces (../shared/oracles/lib.sh): the backends' addresses exist only there and no port
# of the machine is taken. Prints the JSON line live-nginx.mjs writes; exit 2 on setup failure.
set -u
here=$(dirname "$(readlink -f "$0")")
# shellcheck source=/dev/null
. "$(readlink -f "$here/../../../shared/oracles")/lib.sh"
export PATH=$PATH:/usr/sbin:/sbin
command -v nginx >/dev/null || fail "nginx not installed"
# Never on the machine itself: this adds addresses, devices and routes.
[[ $EUID -eq 0 && ${ORACLE_SANDBOX:-1} != 0 ]] && unshare -mn true 2>/dev/null || fail "needs root and network namespaces"
[[ -f ${1-} ]] || fail "usage: live-nginx.sh CONFIG PLAN_JSON"
export ORACLE_TMPFS="/run /var/log/nginx /var/lib/nginx"
in_sandbox "$(command -v node)" "$here/live-nginx.mjs" "$(readlink -f "$1")" "${2:?}"
