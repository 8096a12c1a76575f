echo GUEST-READY
echo "guest: uptime $(up) s at GUEST-READY"
uname -a
head -n 12 /proc/cpuinfo
echo "guest: 6*7=$((6*7)) nproc=$(nproc)"
MB=${GUEST_MB:-4}
t0=$(up)
dd if=/dev/zero bs=1048576 count="$MB" 2>/dev/null | sha256sum
t1=$(up)
N=${GUEST_AWK:-50000}
awk -v n="$N" 'BEGIN { s = 0; for (i = 0; i < n; i++) s = (s * 31 + i) % 1000003; print "awk-sum", s }'
t2=$(up)
echo "GUEST-TIMING sha256-${MB}MiB $(awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.2f", b-a}') s awk-loop-$N $(awk -v a=$t1 -v b=$t2 'BEGIN{printf "%.2f", b-a}') s"
echo GUEST-DONE
poweroff -f
