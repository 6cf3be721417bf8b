#!/usr/bin/env bash
# Runs the whole test suite. As root it first installs what the tests need;
# otherwise it says what is missing. Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

# Debian packages the tests drive as real peers and clients. isc-dhcp-relay's init script starts no relay on the host:
# it needs SERVERS in /etc/default/isc-dhcp-relay, which a noninteractive install leaves empty.
packages=(curl iproute2 util-linux tftp-hpa atftp busybox-static iptables ipxe grub-efi-amd64-signed shim-signed pxelinux syslinux-common
          isc-dhcp-client isc-dhcp-relay dhcpcd-base dnsmasq-base qemu-system-x86 ovmf ipxe-qemu)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "test.sh: apt-get install failed for: ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "test.sh: missing Debian packages: ${missing[*]}"
    echo "test.sh: run as root to install them, or: sudo apt-get install ${missing[*]}"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is not on PATH"; echo "0 passed, 1 failed"; exit 1; }

echo "test.sh: restoring and building"
if ! dotnet build Fleetboot.slnx -c Release -nologo -v q > artifacts.build.log 2>&1; then
  grep -E 'error' artifacts.build.log | sort -u | head -40
  echo "test.sh: build failed (full log: artifacts.build.log)"
  echo "0 passed, 1 failed"
  exit 1
fi
rm -f artifacts.build.log

log=$(mktemp)
# The console logger at minimal prints each failed test with its message and stack trace.
# The end-to-end tests boot QEMU (TCG) and load both cores: they run after the other projects, alone, so that
# timing-sensitive tests (TFTP under netem loss, DHCP) do not share the CPU with firmware emulation.
dotnet test Fleetboot.slnx -c Release --no-build -nologo -v q --logger 'console;verbosity=minimal' --filter 'FullyQualifiedName!~Fleetboot.EndToEnd' "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
dotnet test tests/Fleetboot.EndToEnd/Fleetboot.EndToEnd.csproj -c Release --no-build -nologo -v q --logger 'console;verbosity=minimal' "$@" 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Sum the per-project summary lines ("Failed:  0, Passed: 12, Skipped: 0, Total: 12").
read -r passed failed skipped < <(
  grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  awk -F'[:,] +' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  echo "test.sh: the test run failed outside any single test (exit $status); see above"
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ]
