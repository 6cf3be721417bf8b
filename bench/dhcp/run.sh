#!/usr/bin/env bash
# DORA throughput of Fleetboot, Kea (memfile) and dnsmasq side by side, measured with perfdhcp.
# Everything runs inside two network namespaces this script creates (server <-> veth <-> perfdhcp) and removes on exit.
# Needs root and: iproute2, kea-admin (perfdhcp), kea-dhcp4-server, dnsmasq-base, the .NET SDK.
#
# Usage: bench/dhcp/run.sh [seconds-per-step] [servers...]    servers: fleetboot (DHCP + lease store), fleetboot-serve (the whole
#        product), kea, kea-mt (multi-threaded), dnsmasq; e.g. bench/dhcp/run.sh 10 fleetboot kea fleetboot-serve dnsmasq
# Prints one line per (server, rate) step and a summary: the highest offered rate whose 4-way exchanges lost < 0.1%.
# Then, for every server, one more step at LATENCY_RATE exchanges/s (2000) with perfdhcp's per-packet timestamps
# (-x t), kept out of the rate steps since recording every packet costs perfdhcp time: p50 and p99 answer times.
# perfdhcp does not size its socket, so the kernel's default receive buffer (net.core.rmem_default, 208 KiB; not
# per namespace) holds its answers: on a busy 2-core machine a few milliseconds without CPU overflow it, and those
# drops are the client's, not the server's. The script raises the default to RMEM_DEFAULT bytes (4 MiB) for the run,
# for every server's and perfdhcp's sockets alike, and puts the old value back on exit; RMEM_DEFAULT=keep leaves it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
secs="${1:-10}"; shift || true
servers=("${@:-fleetboot kea dnsmasq}"); servers=(${servers[@]})
rates=(${RATES:-1000 2000 4000 6000 8000 12000 16000 24000})
pool_start=10.77.1.1; pool_end=10.77.40.16   # 10,000 addresses
id="fbb$$"; srv="$id-srv"; cli="$id-cli"
work="$(mktemp -d /tmp/fleetboot-dhcp-bench.XXXXXX)"
server_pid=""

[ "$(id -u)" = 0 ] || { echo "bench/dhcp/run.sh: needs root (network namespaces)"; exit 1; }
for t in ip perfdhcp kea-dhcp4 dnsmasq dotnet; do command -v "$t" >/dev/null || { echo "missing $t (apt-get install iproute2 kea-admin kea-dhcp4-server dnsmasq-base)"; exit 1; }; done

stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
}
rmem_before=$(sysctl -n net.core.rmem_default)
rmem="${RMEM_DEFAULT:-4194304}"
cleanup() {
  stop_server; ip netns del "$srv" 2>/dev/null || true; ip netns del "$cli" 2>/dev/null || true; rm -rf "$work"
  [ "$rmem" = keep ] || sysctl -qw net.core.rmem_default="$rmem_before"
}
trap cleanup EXIT
[ "$rmem" = keep ] || sysctl -qw net.core.rmem_default="$rmem"
echo "net.core.rmem_default for this run: $(sysctl -n net.core.rmem_default) (before: $rmem_before)"

ip netns add "$srv"; ip netns add "$cli"
# The veth pair is created inside the namespaces; nothing appears on the host.
ip -n "$srv" link add eth0 type veth peer name eth0 netns "$cli"
ip -n "$srv" addr add 10.77.0.1/16 dev eth0; ip -n "$cli" addr add 10.77.0.2/16 dev eth0
# A second subnet only for the warm-up run, so warm-up clients never take addresses from the measured pool.
ip -n "$srv" addr add 10.78.0.1/16 dev eth0; ip -n "$cli" addr add 10.78.0.2/16 dev eth0
for ns in "$srv" "$cli"; do ip -n "$ns" link set eth0 up; ip -n "$ns" link set lo up; done

dotnet build "$here/BenchHost" -c Release -nologo -v q >/dev/null
host_dll="$here/BenchHost/bin/Release/net10.0/BenchHost.dll"
dotnet build "$here/../../src/Fleetboot.Cli" -c Release -nologo -v q >/dev/null
cli_dll="$here/../../src/Fleetboot.Cli/bin/Release/net10.0/Fleetboot.Cli.dll"

start_server() { # $1 = name
  rm -rf "$work/state"; mkdir -p "$work/state"
  case "$1" in
    fleetboot)
      ip netns exec "$srv" dotnet "$host_dll" --interface eth0 --network 10.77.0.0/16 --pool "$pool_start-$pool_end" --data "$work/state" \
        --warm-network 10.78.0.0/16 --warm-pool 10.78.1.1-10.78.40.16 >"$work/server.log" 2>&1 &
      server_pid=$!
      for _ in $(seq 100); do grep -qs ready "$work/server.log" && break; sleep 0.1; done ;;
    fleetboot-serve)
      # The whole product: registry lookup per packet, timeline events, HTTP and the rest of serve alongside.
      cat >"$work/state/fleetboot.yaml" <<YAML
dhcpSubnets:
  - { name: bench, network: 10.77.0.0/16, pools: [$pool_start-$pool_end], leaseTime: 1h }
  - { name: warm, network: 10.78.0.0/16, pools: [10.78.1.1-10.78.40.16], leaseTime: 1h }
YAML
      ip netns exec "$srv" dotnet "$cli_dll" serve --config "$work/state/fleetboot.yaml" --data "$work/state" --http 127.0.0.1:8080 --tftp off \
        --dhcp full --dhcp-interface eth0 --log-level warning >"$work/server.log" 2>&1 &
      server_pid=$!
      for _ in $(seq 150); do ip netns exec "$srv" curl -sf http://127.0.0.1:8080/readyz >/dev/null 2>&1 && break; sleep 0.2; done ;;
    kea|kea-mt)
      # kea-mt: Kea's own multi-threaded packet processing (one thread per core), its best set-up on this machine.
      threads='"multi-threading": { "enable-multi-threading": false },'
      [ "$1" = kea-mt ] && threads='"multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 64 },'
      cat >"$work/state/kea.json" <<JSON
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "eth0" ], "dhcp-socket-type": "udp" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$work/state/kea-leases4.csv", "lfc-interval": 0 },
    "valid-lifetime": 3600,
    $threads
    "subnet4": [ { "id": 1, "subnet": "10.77.0.0/16", "pools": [ { "pool": "$pool_start - $pool_end" } ] },
                 { "id": 2, "subnet": "10.78.0.0/16", "pools": [ { "pool": "10.78.1.1 - 10.78.40.16" } ] } ],
    "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "$work/state/kea.log" } ], "severity": "WARN" } ]
} }
JSON
      KEA_LOCKFILE_DIR="$work/state" KEA_PIDFILE_DIR="$work/state" ip netns exec "$srv" kea-dhcp4 -c "$work/state/kea.json" >"$work/server.log" 2>&1 &
      server_pid=$!; sleep 1 ;;
    dnsmasq)
      ip netns exec "$srv" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --interface=eth0 --bind-interfaces --no-ping \
        --dhcp-range="$pool_start,$pool_end,255.255.0.0,1h" --dhcp-range=10.78.1.1,10.78.40.16,255.255.0.0,1h --dhcp-lease-max=40000 --dhcp-leasefile="$work/state/dnsmasq.leases" \
        --pid-file="$work/state/dnsmasq.pid" >"$work/server.log" 2>&1 &
      server_pid=$!; sleep 1 ;;
  esac
  kill -0 "$server_pid" 2>/dev/null || { echo "$1 did not start:"; cat "$work/server.log"; exit 1; }
}

start_warm() { # $1 = name
  start_server "$1"
  # Warm-up (JIT, caches, first lease-file writes) on the second subnet; not measured.
  timeout 30 ip netns exec "$cli" perfdhcp -4 -l 10.78.0.2 -r 500 -R 2000 -p 3 10.77.0.1 >/dev/null 2>&1 || true
}

# perfdhcp -x t output -> "p50 p99" in ms of the exchange named $1 (DISCOVER-OFFER or REQUEST-ACK), nearest rank
percentiles() {
  awk -v want="$1" '/^\*\*\*Timestamps for packets:/ { on = index($0, want) > 0; next }
                    on && /^sent \/ received:/ { printf "%.3f\n", ($6 - $4) * 1000 }' | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a n/a"; exit }
           p50 = int(NR * 0.50); if (p50 < NR * 0.50) p50++; p99 = int(NR * 0.99); if (p99 < NR * 0.99) p99++
           print v[p50], v[p99] }'
}

# perfdhcp output -> "sent drops drop%", both exchanges together
loss() {
  echo "$1" | awk '/sent packets:/ { s += $3 } /^drops:/ { d += $2 }
                   END { printf "%d %d %s\n", s, d, (s > 0) ? sprintf("%.3f", 100 * d / s) : "n/a" }'
}

best=()
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat" 2>/dev/null || echo 0; }
# Datagrams a full socket receive buffer dropped in a namespace (whose socket overflowed: the server's or perfdhcp's).
rcvbuf_errors() { ip netns exec "$1" awk '/^Udp:/ {n++; if (n == 2) print $6}' /proc/net/snmp; }
printf '%-10s %6s %8s %8s %8s %7s %10s %10s %10s %7s %7s %9s %9s\n' server rate achieved sent recv drop% do_avg_ms ra_avg_ms ra_max_ms leases cpu_us srv_ovfl cli_ovfl
for i in "${!servers[@]}"; do
  s=${servers[$i]}
  best[$i]=0
  for r in "${rates[@]}"; do
    start_warm "$s"
    # Relay mode: perfdhcp sends from 10.77.0.2 (giaddr) to the server, 10,000 distinct clients, bounded by -p seconds.
    ticks_before=$(cpu_ticks); srv_ovfl=$(rcvbuf_errors "$srv"); cli_ovfl=$(rcvbuf_errors "$cli")
    out=$(timeout $((secs + 30)) ip netns exec "$cli" perfdhcp -4 -l eth0 -r "$r" -R 10000 -p "$secs" 10.77.0.1 2>&1 || true)
    ticks=$(( $(cpu_ticks) - ticks_before )); srv_ovfl=$(( $(rcvbuf_errors "$srv") - srv_ovfl )); cli_ovfl=$(( $(rcvbuf_errors "$cli") - cli_ovfl ))
    stop_server
    read -r sent _ pct <<<"$(loss "$out")"
    recv=$(echo "$out" | awk '/received packets:/{s+=$3} END{print s+0}')
    achieved=$(echo "$out" | awk '/^Rate:/{printf "%.0f", $2; exit}')
    do_avg=$(echo "$out" | awk '/avg delay:/{print $3; exit}')
    ra_avg=$(echo "$out" | awk '/avg delay:/{n++; if (n==2) {print $3; exit}}')
    ra_max=$(echo "$out" | awk '/max delay:/{n++; if (n==2) {print $3; exit}}')
    case "$s" in
      fleetboot|fleetboot-serve) leases=$(sqlite3 "$work/state/fleetboot.db" "select count(*) from dhcp_leases where address like '10.77.%'" 2>/dev/null || echo ?) ;;
      kea|kea-mt) leases=$(cut -d, -f1 "$work/state/kea-leases4.csv" 2>/dev/null | grep '^10\.77\.' | sort -u | wc -l) ;;
      dnsmasq) leases=$(grep -c ' 10\.77\.' "$work/state/dnsmasq.leases" 2>/dev/null || echo ?) ;;
    esac
    # The server's CPU time (user + system) per answered packet while perfdhcp ran.
    cpu_us=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$recv" 'BEGIN{ if (n>0) printf "%.0f", t*1e6/hz/n; else print "n/a" }')
    printf '%-10s %6s %8s %8s %8s %7s %10s %10s %10s %7s %7s %9s %9s\n' "$s" "$r" "${achieved:-?}" "$sent" "$recv" "$pct" "${do_avg:-?}" "${ra_avg:-?}" "${ra_max:-?}" "$leases" "$cpu_us" "$srv_ovfl" "$cli_ovfl"
    if [ "$sent" -gt 0 ] && awk -v p="$pct" 'BEGIN{exit !(p < 0.1)}'; then best[$i]="${achieved:-$r}"; else break; fi
  done
done
echo
for i in "${!servers[@]}"; do echo "best sustained rate with <0.1% drops: ${servers[$i]} ${best[$i]} exchanges/s"; done

lat_rate="${LATENCY_RATE:-2000}"
echo
printf '%-16s %10s %10s %10s %10s %10s\n' "at $lat_rate/s" do_p50_ms do_p99_ms ra_p50_ms ra_p99_ms drop%
for s in "${servers[@]}"; do
  start_warm "$s"
  out=$(timeout $((secs + 60)) ip netns exec "$cli" perfdhcp -4 -l eth0 -r "$lat_rate" -R 10000 -p "$secs" -x t 10.77.0.1 2>&1 || true)
  stop_server
  read -r _ _ pct <<<"$(loss "$out")"
  read -r do50 do99 <<<"$(echo "$out" | percentiles DISCOVER-OFFER)"
  read -r ra50 ra99 <<<"$(echo "$out" | percentiles REQUEST-ACK)"
  printf '%-16s %10s %10s %10s %10s %10s\n' "$s" "$do50" "$do99" "$ra50" "$ra99" "$pct"
done
