#!/bin/busybox sh
# Fleetboot test installer: /init of the lab's busybox initramfs.
# Loads the NIC and disk drivers, takes an address by DHCP, reports progress and done to Fleetboot's callback API
# with the token from the kernel command line, writes a marker to the first disk and powers off.
# Every line meant for the harness starts with FLEETBOOT-INSTALLER on the serial console. Every wait is bounded.
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev /tmp
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

say() { echo "FLEETBOOT-INSTALLER: $*"; }

server=; mac=; token=
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    fleetboot.server=*) server="${arg#*=}" ;;
    fleetboot.mac=*) mac="${arg#*=}" ;;
    fleetboot.token=*) token="${arg#*=}" ;;
  esac
done

# callback KIND JSON: POST to the callback API; prints the outcome, never stops the installer.
callback() {
  if [ -z "$server" ] || [ -z "$mac" ]; then say "callback $1 skipped: no fleetboot.server/fleetboot.mac"; return 1; fi
  if out=$(timeout 30 wget -q -O - --header "Authorization: Bearer $token" --header "Content-Type: application/json" \
      --post-data "$2" "$server/api/v1/boot/$mac/$1" 2>&1); then
    say "callback $1 ok"
  else
    say "callback $1 failed: $(echo "$out" | tr '\n' ' ')"
    return 1
  fi
}

finish() {
  sync
  say "powering off"
  poweroff -f
  sleep 5
  echo o > /proc/sysrq-trigger
}

fail() {
  echo "FLEETBOOT-INSTALLER-FAILED: $*"
  callback failed "{\"reason\":\"$*\"}"
  finish
}

say "start kernel=$(uname -r) server=$server mac=$mac token=$([ -n "$token" ] && echo set || echo missing)"
[ -n "$server" ] || fail "no fleetboot.server= on the kernel command line"
[ -n "$mac" ] || fail "no fleetboot.mac= on the kernel command line"

for m in $(cat /etc/fleetboot-modules); do
  insmod "/lib/modules/$m.ko" || say "insmod $m failed"
done

# The NIC whose MAC the server named (any Ethernet NIC if none matches), within 20 seconds.
ifc=
i=0
while [ $i -lt 40 ] && [ -z "$ifc" ]; do
  for d in /sys/class/net/*; do
    [ "$(cat "$d/address" 2>/dev/null)" = "$mac" ] && ifc="${d##*/}"
  done
  [ -z "$ifc" ] && sleep 0.5
  i=$((i + 1))
done
if [ -z "$ifc" ]; then
  for d in /sys/class/net/*; do [ "${d##*/}" != lo ] && [ -z "$ifc" ] && ifc="${d##*/}"; done
fi
[ -n "$ifc" ] || fail "no network interface (loaded: $(cat /etc/fleetboot-modules | tr '\n' ' '))"
ip link set lo up
ip link set "$ifc" up
say "dhcp on $ifc"
udhcpc -i "$ifc" -n -q -t 10 -T 3 -s /etc/udhcpc.script -x hostname:fleetboot-installer || fail "no DHCP lease on $ifc"
say "network $ifc $(ip -4 -o addr show dev "$ifc" | awk '{print $4}')"

callback progress '{"phase":"installing","message":"test installer: network up","percent":10}'

disk=
i=0
while [ $i -lt 20 ] && [ -z "$disk" ]; do
  for d in vda sda; do [ -b "/dev/$d" ] && [ -z "$disk" ] && disk="/dev/$d"; done
  [ -z "$disk" ] && sleep 0.5
  i=$((i + 1))
done
[ -n "$disk" ] || fail "no disk (/dev/vda, /dev/sda)"
# A boot sector that prints this text on COM1 and powers off: the next power-on that boots the disk shows it.
printf 'FLEETBOOT-DISK: installed by the Fleetboot lab test installer mac=%s server=%s\r\n' "$mac" "$server" | head -c 189 > /tmp/marker
dd if=/etc/fleetboot-bootsector of="$disk" bs=512 count=1 conv=fsync 2>/dev/null || fail "could not write $disk"
dd if=/tmp/marker of="$disk" bs=1 seek=256 conv=notrunc,fsync 2>/dev/null || fail "could not write $disk"
sync
say "disk marker written to $disk"

callback progress '{"phase":"installing","message":"test installer: disk written","percent":90}'
# "done" means installed and reported: the harness waits for it. A refused report is said as such.
if callback done '{}'; then say "done"; else say "installed, but the done callback was not accepted"; fi
finish
