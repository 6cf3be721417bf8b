#!/usr/bin/env python3
"""Seeds a Fleetboot server through its REST API: 10 profiles, 100 groups, N machines."""
import http.client, json, sys

host, port, token, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
conn = http.client.HTTPConnection(host, port)
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

def post(path, body):
    conn.request("POST", path, json.dumps(body), headers)
    r = conn.getresponse()
    data = r.read()
    if r.status not in (200, 201):
        sys.exit(f"POST {path} -> {r.status}: {data[:300]!r}")

for p in range(10):
    post("/api/v1/profiles", {"id": f"os-{p}", "kernel": f"/assets/os-{p}/vmlinuz",
         "initrds": [f"/assets/os-{p}/initrd.img"], "args": "console=ttyS0 site={{site}} rack={{rack}}",
         "metadata": {"site": "bench"}})
for g in range(100):
    post("/api/v1/groups", {"id": f"group-{g:03}", "profile": f"os-{g % 10}",
         "selectors": {"role": f"r{g}", "rack": f"rack-{g % 7}"}, "metadata": {"rack": f"rack-{g % 7}"}})
for i in range(count):
    g = i % 100
    post("/api/v1/machines", {"macs": [f"02:fb:00:00:{i // 256:02x}:{i % 256:02x}"], "hostname": f"node-{i:05}",
         "role": f"r{g}", "labels": {"rack": f"rack-{g % 7}"}, "profile": f"os-{g % 10}"})
    if i % 1000 == 999:
        print(f"seeded {i + 1}/{count} machines", file=sys.stderr, flush=True)
