#!/usr/bin/env bash
# Lab path 1, power-on to done: a SeaBIOS + iPXE ROM VM (QEMU TCG, virtio-net) boots the lab's test installer from
# Fleetboot (serve --dhcp full: DHCP, TFTP, HTTP) and from dnsmasq (DHCP + TFTP) + nginx (the same boot.ipxe, machine
# script, kernel and initrd) in alternating rounds; prints each round, the medians and the ratio Fleetboot / peer.
# Every server runs inside a network namespace made for that round and removed after it; nothing touches host interfaces.
# Needs root and: iproute2 qemu-system-x86 ipxe-qemu ipxe busybox-static dnsmasq nginx-light (or nginx) curl, the .NET SDK.
#
# Both sides' segment has the lab's IPv6 router (a dnsmasq sending router advertisements only), as `fleetboot lab up` does.
# Usage: bench/lab/run.sh [rounds] [no-ipv6-router]   (default 5 rounds; about 25 s per round on 2 cores)
#   no-ipv6-router: no router on either side (as `lab up --no-ipv6-router`); iPXE's "Configuring" then waits about 16 s
#   for IPv6 autoconfiguration, the same on both sides (about 50 s per round).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-5}"
mode="${2:-}"

[ "$(id -u)" = 0 ] || { echo "bench/lab/run.sh: needs root (network namespaces, taps)"; exit 1; }
missing=()
command -v dotnet >/dev/null || { echo "bench/lab/run.sh: the .NET 10 SDK (dotnet) is missing"; exit 1; }
for t in ip:iproute2 qemu-system-x86_64:qemu-system-x86 dnsmasq:dnsmasq nginx:nginx-light curl:curl setsid:util-linux; do
  command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
done
for f in /usr/lib/ipxe/qemu/efi-virtio.rom:ipxe-qemu /usr/lib/ipxe/undionly.kpxe:ipxe /bin/busybox:busybox-static; do
  [ -e "${f%%:*}" ] || missing+=("${f#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then echo "bench/lab/run.sh: missing, install with: apt-get install ${missing[*]}"; exit 1; fi

if ! out=$(dotnet build "$here/LabBench" -c Release -nologo -v q 2>&1); then echo "$out"; echo "bench/lab/run.sh: build failed"; exit 1; fi
echo "uptime before: $(uptime)"
dotnet "$here/LabBench/bin/Release/net10.0/LabBench.dll" "$rounds" "$root" $mode
echo "uptime after: $(uptime)"
