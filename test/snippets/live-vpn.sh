#!/usr/bin/env bash
# live-vpn.sh DIR SERVER CLIENT CLIENT_CN
# Brings up an OpenVPN server and one client from DIR (files as the snippets are saved there)
# inside private network and mount namespaces (../shared/oracles/lib.sh), so nothing leaves the
# machine: the client's `remote` name resolves to loopback. A throwaway CA, server and client
# certificates and a tls-crypt key are made in DIR first, under the names the configs use.
# Writes DIR/server.log, DIR/client.log and DIR/routes.txt (`ip route` while the tunnel is up).
# Exit 0 when the client completed its initialisation, 1 when it did not, 2 on a setup failure.
set -u
here=$(dirname "$(readlink -f "$0")")
if [[ ${1-} == --inside ]]; then
  shift
  cd "$1" || exit 2
  openvpn --config "$2" --suppress-timestamps >server.log 2>&1 &
  server=$!
  sleep 0.5
  openvpn --config "$3" --suppress-timestamps >client.log 2>&1 &
  client=$!
  up=1
  for _ in $(seq 1 150); do  # up to 30 s: a TCP client retries its connect every 5 s
    if grep -q 'Initialization Sequence Completed' client.log; then up=0; break; fi
    kill -0 "$client" 2>/dev/null || break
    sleep 0.2
  done
  ip route >routes.txt
  kill "$client" "$server" 2>/dev/null
  wait
  exit "$up"
fi

dir=${1:?usage: live-vpn.sh DIR SERVER CLIENT CLIENT_CN}; server=${2:?}; client=${3:?}; cn=${4:?}
oracles=$(readlink -f "$here/../../../shared/oracles")
# shellcheck source=/dev/null
. "$oracles/lib.sh"
export PATH=$PATH:/usr/sbin:/sbin
command -v openvpn >/dev/null && command -v openssl >/dev/null || fail "openvpn and openssl are needed"
[[ -c /dev/net/tun ]] || fail "no /dev/net/tun: the live VPN check needs a tun device"
# Never on the machine itself: this adds addresses, devices and routes.
[[ $EUID -eq 0 && ${ORACLE_SANDBOX:-1} != 0 ]] && unshare -mn true 2>/dev/null || fail "needs root and network namespaces"
oracle_tmp

# Throwaway PKI: `remote-cert-tls server` checks the server certificate's key usage and serverAuth.
cd "$dir" || fail "cannot enter $dir"
printf '[s]\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n[c]\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n' >"$ORACLE_TMP/ext.cnf"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout "$ORACLE_TMP/ca.key" -out ca.crt -days 1 -subj /CN=layerwise-test-ca 2>/dev/null || fail "openssl (ca)"
for pair in "server:s" "$cn:c"; do
  name=${pair%:*}
  openssl req "${ec[@]}" -keyout "$name.key" -out "$ORACLE_TMP/$name.csr" -subj "/CN=$name" 2>/dev/null &&
    openssl x509 -req -in "$ORACLE_TMP/$name.csr" -CA ca.crt -CAkey "$ORACLE_TMP/ca.key" -CAcreateserial \
      -out "$name.crt" -days 1 -extfile "$ORACLE_TMP/ext.cnf" -extensions "${pair#*:}" 2>/dev/null || fail "openssl ($name)"
  chmod 600 "$name.key"
done
openvpn --genkey secret ta.key >/dev/null 2>&1 || fail "openvpn --genkey"
chmod 600 ta.key

remote=$(awk '$1 == "remote" {print $2; exit}' "$client")
export ORACLE_HOSTS=$ORACLE_TMP/hosts
{ cat /etc/hosts; echo "127.0.0.1 $remote"; } >"$ORACLE_HOSTS"
in_sandbox bash "$here/live-vpn.sh" --inside "$dir" "$server" "$client"
