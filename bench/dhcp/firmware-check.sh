#!/usr/bin/env bash
# Manual check: real netboot firmware in QEMU against the Fleetboot DHCP server (full mode, SQLite leases),
# everything inside two network namespaces created here and removed on exit. Prints what the firmware and the
# server said. Needs root, iproute2, qemu-system-x86, ipxe-qemu (for "ipxe"), ovmf (for "ovmf"), the .NET SDK.
#
# Usage: bench/dhcp/firmware-check.sh ipxe|ovmf
#   ipxe: iPXE's BIOS ROM under SeaBIOS; expect "net0: 10.9.0.1xx" and "Filename: http://10.9.0.1:8080/boot.ipxe".
#   ovmf: EDK2/OVMF native PXE then HTTP boot; expect "Station IP address", "NBP filename is ipxe.efi" and an HTTP
#         boot lease with the http:// URI. (Nothing serves TFTP/HTTP here, so the downloads themselves fail.)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode="${1:?usage: firmware-check.sh ipxe|ovmf}"
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, tap)"; exit 1; }
s="fbfw$$-srv"; c="fbfw$$-vm"; work="$(mktemp -d /tmp/fleetboot-fw.XXXXXX)"; server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; ip netns del "$s" 2>/dev/null; ip netns del "$c" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$s"; ip netns add "$c"
ip -n "$s" link add eth0 type veth peer name veth0 netns "$c"
ip -n "$s" addr add 10.9.0.1/24 dev eth0; ip -n "$s" link set eth0 up; ip -n "$s" link set lo up
ip -n "$c" link add br0 type bridge; ip -n "$c" link set veth0 master br0; ip -n "$c" link set veth0 up
ip -n "$c" tuntap add tap0 mode tap; ip -n "$c" link set tap0 master br0; ip -n "$c" link set tap0 up; ip -n "$c" link set br0 up

dotnet build "$here/BenchHost" -c Release -nologo -v q >/dev/null || exit 1
ip netns exec "$s" dotnet "$here/BenchHost/bin/Release/net10.0/BenchHost.dll" --interface eth0 --network 10.9.0.0/24 \
  --pool 10.9.0.100-10.9.0.200 --data "$work" --log-level Information >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -qs ready "$work/server.log" && break; sleep 0.2; done

case "$mode" in
  ipxe) timeout 60 ip netns exec "$c" qemu-system-x86_64 -nographic -m 256 -boot n -no-reboot \
          -netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:70 >"$work/console" 2>&1 ;;
  ovmf) cp /usr/share/OVMF/OVMF_VARS_4M.fd "$work/vars.fd"
        timeout 180 ip netns exec "$c" qemu-system-x86_64 -nographic -m 512 -machine q35 \
          -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd -drive if=pflash,format=raw,file="$work/vars.fd" \
          -boot n -netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:71,romfile= >"$work/console" 2>&1 ;;
  *) echo "unknown mode $mode"; exit 1 ;;
esac
echo "--- firmware"; tr -d '\033' <"$work/console" | tr -s '\r' '\n' | grep -aiE 'net0:|next server|filename|station ip|nbp|start (pxe|http)' | cut -c1-160
echo "--- server";   grep -a -- ' -> ' "$work/server.log" | sed 's/^ *//'
