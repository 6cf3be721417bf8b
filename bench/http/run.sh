#!/usr/bin/env bash
# GET /ipxe?mac=… with 10,000 machines and 100 groups, Fleetboot against nginx serving the same
# script as a static file, both driven by wrk on loopback in the same run. Prints a markdown table.
# Needs: wrk, nginx (apt-get install wrk nginx-light), python3, curl. Runs only on 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d /tmp/fleetboot-bench-http.XXXXXX)
duration=${DURATION:-15s}
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
echo "warming up..." >&2
wrk -t2 -c"$connections" -d5s -s "$root/bench/http/random-mac.lua" "http://127.0.0.1:$fb_port" >/dev/null
echo "measuring nginx..." >&2
nginx_out=$(run_wrk "http://127.0.0.1:$nginx_port")
echo "measuring fleetboot..." >&2
fb_out=$(run_wrk "http://127.0.0.1:$fb_port")
rss_loaded=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$fb_pid/status)

rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
non2xx() { echo "$1" | awk '/Non-2xx/ {print $NF}'; }
fb_rps=$(rps "$fb_out"); nginx_rps=$(rps "$nginx_out")
echo
echo "| server | requests/s | p99 latency | non-2xx |"
echo "|---|---|---|---|"
echo "| nginx (static file) | $nginx_rps | $(p99 "$nginx_out") | $(non2xx "$nginx_out")  |"
echo "| fleetboot /ipxe | $fb_rps | $(p99 "$fb_out") | $(non2xx "$fb_out") |"
echo
echo "ratio fleetboot/nginx: $(awk -v a="$fb_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a/b}')"
echo "fleetboot RSS: idle after start ${rss_idle} MB, after seeding and load ${rss_loaded} MB"
