#!/usr/bin/env bash
# Side-by-side TFTP benchmark: Fleetboot vs tftpd-hpa vs atftpd, same files, same clients, loopback only.
#   (a) one atftp client, 64 MiB, blksize 1468, no window
#   (b) one atftp client, 64 MiB, blksize 1468, windowsize 16
#   (c) 50 concurrent atftp clients, 8 MiB each, blksize 1468
# Reports MiB/s (median of REPS runs, servers interleaved run by run) and server CPU milliseconds per MiB sent.
# CPU comes from a cgroup-v1 cpuacct group per server (tftpd-hpa forks a child per transfer that /proc would miss);
# without cgroups it falls back to /proc utime+stime (+ reaped children). Servers listen on 127.0.0.1 high ports
# and are stopped (and their cgroups removed) at the end.
# Usage: bench/tftp/run.sh [REPS]   (root: installs atftp/atftpd and fetches tftpd-hpa if missing)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
reps="${1:-3}"
work="$(mktemp -d /tmp/fbtftp-bench.XXXXXX)"
pids=()
cg_root=/sys/fs/cgroup/cpuacct
cg_base="fbtftp-bench-$$"
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for g in "$cg_root/$cg_base"-*; do [ -d "$g" ] && rmdir "$g" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "run.sh: $1 missing: apt-get install -y $2" >&2; exit 1; }; }
if [ "$(id -u)" = 0 ]; then
  for p in atftp atftpd; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
  done
fi
need atftp atftp; need atftpd atftpd; need dotnet dotnet-sdk

# tftpd-hpa and atftpd both ship /usr/sbin/in.tftpd, so they cannot be installed together: use tftpd-hpa's own
# binary when it is the installed one, else unpack it from the Debian package into the work directory.
hpa=""
if /usr/sbin/in.tftpd -V 2>&1 | grep -q tftp-hpa; then hpa=/usr/sbin/in.tftpd
else
  (cd "$work" && apt-get download tftpd-hpa >/dev/null 2>&1) || { echo "run.sh: cannot fetch tftpd-hpa (apt-get download tftpd-hpa)" >&2; exit 1; }
  dpkg-deb -x "$work"/tftpd-hpa_*.deb "$work/hpa"
  hpa="$work/hpa/usr/sbin/in.tftpd"
fi

echo "run.sh: building the Fleetboot bench host" >&2
dotnet build "$here/host" -c Release -nologo -v q >/dev/null
fbhost="$here/host/bin/Release/net10.0/Fleetboot.Tftp.BenchHost"

root="$work/root"; mkdir -p "$root"; chmod 755 "$work" "$root"
head -c $((64 * 1024 * 1024)) /dev/urandom > "$root/big.bin"
for i in $(seq 1 50); do head -c $((8 * 1024 * 1024)) /dev/urandom > "$root/c$i.bin"; done
chmod 644 "$root"/*
sum_big=$(sha256sum < "$root/big.bin" | cut -d' ' -f1)

use_cg=0
if [ -w "$cg_root" ] && mkdir "$cg_root/$cg_base-probe" 2>/dev/null; then rmdir "$cg_root/$cg_base-probe"; use_cg=1; fi
# launch NAME CMD...: runs CMD in its own cpuacct cgroup (when available), in the background
launch() {
  local name=$1; shift
  if [ $use_cg = 1 ]; then
    mkdir "$cg_root/$cg_base-$name"
    sh -c 'echo $$ > "$0/cgroup.procs"; exec "$@"' "$cg_root/$cg_base-$name" "$@" &
  else
    "$@" &
  fi
}

# Start the three servers.
launch fleetboot "$fbhost" "$root" 127.0.0.1:17069 > "$work/fb.log" 2>&1; pids+=($!); fb_pid=$!
launch tftpd-hpa "$hpa" -L -a 127.0.0.1:17070 -s "$root" -u nobody; pids+=($!); hpa_pid=$!
launch atftpd atftpd --daemon --no-fork --port 17071 --bind-address 127.0.0.1 --user nobody.nogroup --logfile /dev/null "$root"; pids+=($!); at_pid=$!
for _ in $(seq 1 100); do grep -q ready "$work/fb.log" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/fb.log" || { echo "run.sh: Fleetboot host did not start: $(cat "$work/fb.log")" >&2; exit 1; }

cpu() { # server PID, server name -> CPU seconds so far
  if [ $use_cg = 1 ]; then awk '{printf "%.6f\n", $1 / 1e9}' "$cg_root/$cg_base-$2/cpuacct.usage"
  else awk -v hz="$(getconf CLK_TCK)" '{printf "%.6f\n", ($14+$15+$16+$17) / hz}' "/proc/$1/stat"; fi
}
now() { date +%s.%N; }

fetch() { # port remote local [extra atftp args...]
  local port=$1 remote=$2 local_file=$3; shift 3
  atftp --get -r "$remote" -l "$local_file" --option "blksize 1468" "$@" 127.0.0.1 "$port" >/dev/null 2>&1
}

# scenario, server name, server pid, port -> prints "mibps cpu_ms_per_mib"
run_one() {
  local scenario=$1 name=$2 pid=$3 port=$4 out="$work/out-$4"
  mkdir -p "$out"
  local c0 t0 t1 c1 mib
  c0=$(cpu "$pid" "$name"); t0=$(now)
  case $scenario in
    a) fetch "$port" big.bin "$out/big"; mib=64 ;;
    b) fetch "$port" big.bin "$out/big" --option "windowsize 16"; mib=64 ;;
    c) local cp=()
       for i in $(seq 1 50); do fetch "$port" "c$i.bin" "$out/c$i" & cp+=($!); done
       for p in "${cp[@]}"; do wait "$p" || { echo "run.sh: a client failed on port $port" >&2; exit 1; }; done
       mib=400 ;;
  esac
  t1=$(now); sleep 0.2; c1=$(cpu "$pid" "$name")
  if [ "$scenario" != c ]; then
    [ "$(sha256sum < "$out/big" | cut -d' ' -f1)" = "$sum_big" ] || { echo "run.sh: corrupt download from port $port" >&2; exit 1; }
  else
    cmp -s "$out/c17" "$root/c17.bin" || { echo "run.sh: corrupt download from port $port" >&2; exit 1; }
  fi
  rm -rf "$out"
  awk -v m="$mib" -v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" \
    'BEGIN { printf "%.1f %.2f\n", m / (t1 - t0), (c1 - c0) * 1000 / m }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

load0=$(cut -d' ' -f1-3 /proc/loadavg)
# Warm-up (JIT, page cache) for every server.
for port in 17069 17070 17071; do fetch $port c1.bin "$work/warm"; done

declare -A tput cpu_mib
servers=(fleetboot tftpd-hpa atftpd)
for scenario in a b c; do
  for server in "${servers[@]}"; do : > "$work/r-$server"; done
  for _ in $(seq 1 "$reps"); do
    for server in "${servers[@]}"; do
      case $server in fleetboot) pid=$fb_pid port=17069;; tftpd-hpa) pid=$hpa_pid port=17070;; atftpd) pid=$at_pid port=17071;; esac
      run_one $scenario $server "$pid" "$port" >> "$work/r-$server"
    done
  done
  for server in "${servers[@]}"; do
    tput[$scenario,$server]=$(cut -d' ' -f1 "$work/r-$server" | median)
    cpu_mib[$scenario,$server]=$(cut -d' ' -f2 "$work/r-$server" | median)
    echo "run.sh: ($scenario) $server: ${tput[$scenario,$server]} MiB/s, ${cpu_mib[$scenario,$server]} CPU ms/MiB  [MiB/s runs: $(cut -d' ' -f1 "$work/r-$server" | tr '\n' ' ')]" >&2
  done
done

ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2fx", x / y }'; }
echo "CPU accounting: $([ $use_cg = 1 ] && echo "cgroup v1 cpuacct per server" || echo "/proc utime+stime (tftpd-hpa children may be missed)"); $(nproc) CPUs; load average before: $load0"
echo
echo "| Scenario | Fleetboot MiB/s | tftpd-hpa MiB/s | atftpd MiB/s | Fleetboot / tftpd-hpa | Fleetboot / atftpd | CPU ms/MiB Fleetboot | tftpd-hpa | atftpd |"
echo "|---|---|---|---|---|---|---|---|---|"
for scenario in a b c; do
  case $scenario in a) label="(a) 1 client, 64 MiB, blksize 1468";; b) label="(b) atftp windowsize 16, 64 MiB";; c) label="(c) 50 clients x 8 MiB";; esac
  echo "| $label | ${tput[$scenario,fleetboot]} | ${tput[$scenario,tftpd-hpa]} | ${tput[$scenario,atftpd]} | $(ratio "${tput[$scenario,fleetboot]}" "${tput[$scenario,tftpd-hpa]}") | $(ratio "${tput[$scenario,fleetboot]}" "${tput[$scenario,atftpd]}") | ${cpu_mib[$scenario,fleetboot]} | ${cpu_mib[$scenario,tftpd-hpa]} | ${cpu_mib[$scenario,atftpd]} |"
done
echo
echo "Fleetboot windowed vs lock-step: $(ratio "${tput[b,fleetboot]}" "${tput[a,fleetboot]}") ((b) / (a))"
