#!/usr/bin/env bash
# GET /ipxe?mac=… with 10,000 machines and 100 groups, Fleetboot against nginx serving the same
# script as a static file, both driven by wrk on loopback in the same run, in alternating rounds. Prints a markdown
# table and the median ratio. ROUNDS (3), DURATION per side and round (10s), WARMUP of Fleetboot (20s).
# Needs: wrk, nginx (apt-get install wrk nginx-light), python3, curl. Runs only on 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d /tmp/fleetboot-bench-http.XXXXXX)
duration=${DURATION:-10s}
warmup=${WARMUP:-20s}
rounds=${ROUNDS:-3}
connections=${CONNECTIONS:-50}
fb_port=18180
nginx_port=18181
cleanup() {
  [ -n "${fb_pid:-}" ] && kill "$fb_pid" 2>/dev/null && wait "$fb_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for tool in wrk nginx python3 curl; do command -v $tool >/dev/null || { echo "bench: $tool is missing (apt-get install wrk nginx-light python3 curl)"; exit 1; }; done

"$root/fleetboot" --help >/dev/null   # builds if needed, outside the measurement
dotnet "$root/src/Fleetboot.Cli/bin/Release/net10.0/Fleetboot.Cli.dll" serve --http 127.0.0.1:$fb_port --data "$work/data" --log-level warning >"$work/serve.log" 2>&1 &
fb_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$fb_port/readyz" >/dev/null && break; sleep 0.2; done
sleep 2
rss_idle=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$fb_pid/status)

echo "seeding 10,000 machines, 100 groups, 10 profiles..." >&2
python3 "$root/bench/http/seed.py" 127.0.0.1 $fb_port "$(cat "$work/data/admin.token")" 10000
curl -sf "http://127.0.0.1:$fb_port/ipxe?mac=02:fb:00:00:00:01&arch=x86_64&platform=efi" > "$work/script.ipxe"
grep -q '^kernel ' "$work/script.ipxe" || { echo "bench: the seeded machine got no kernel line:"; cat "$work/script.ipxe"; exit 1; }

chmod 755 "$work"
mkdir -p "$work/www"
cp "$work/script.ipxe" "$work/www/ipxe"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { default_type text/plain; try_files /ipxe =404; }
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.5

run_wrk() { wrk -t2 -c"$connections" -d"$duration" --latency -s "$root/bench/http/random-mac.lua" "$1" 2>&1; }
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
non2xx() { echo "$1" | awk '/Non-2xx/ {print $NF}'; }
# Fleetboot reaches its steady state (JIT tiers, every machine read and its script rendered once) after about 15 s of
# this load; nginx needs no warm-up.
echo "warming up fleetboot for $warmup..." >&2
wrk -t2 -c"$connections" -d"$warmup" -s "$root/bench/http/random-mac.lua" "http://127.0.0.1:$fb_port" >/dev/null

# Rounds alternate the two servers so that a noisy moment on the machine does not land on one side only.
echo
echo "| round | nginx req/s (p99) | fleetboot req/s (p99) | ratio |"
echo "|---|---|---|---|"
ratios=()
for round in $(seq "$rounds"); do
  echo "round $round: nginx, then fleetboot..." >&2
  nginx_out=$(run_wrk "http://127.0.0.1:$nginx_port")
  fb_out=$(run_wrk "http://127.0.0.1:$fb_port")
  [ -z "$(non2xx "$fb_out")$(non2xx "$nginx_out")" ] || { echo "bench: non-2xx answers:"; echo "$nginx_out"; echo "$fb_out"; exit 1; }
  ratio=$(awk -v a="$(rps "$fb_out")" -v b="$(rps "$nginx_out")" 'BEGIN {printf "%.2f", a/b}')
  ratios+=("$ratio")
  echo "| $round | $(rps "$nginx_out") ($(p99 "$nginx_out")) | $(rps "$fb_out") ($(p99 "$fb_out")) | $ratio |"
done
rss_loaded=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$fb_pid/status)
echo
echo "median ratio fleetboot/nginx: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
echo "fleetboot RSS: idle after start ${rss_idle} MB, after seeding and load ${rss_loaded} MB"
