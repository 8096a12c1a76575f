// QEMU's gt_timer[PHYS]/gt_timer[VIRT] fields: when QEMU's own timer for the EL1 physical and the
// virtual generic timer would next fire, in QEMU_CLOCK_VIRTUAL ns (gt_recalc_timer in 7.2).
// Written so QEMU can resume our streams; never read back: loading re-arms every timer from its
// control and compare registers and the counter (KVM-backed QEMU writes -1 here).
export const INT64_MAX = (1n << 63n) - 1n;
const NS_PER_TICK = 16n;

/** The deadline QEMU computes for a timer: -1 disabled, INT64_MAX when already firing or too far. */
export function qemuTimerDeadline(ctl: bigint, cval: bigint, offset: bigint, count: bigint): bigint {
  if ((ctl & 1n) === 0n) return -1n;
  const u = (v: bigint) => BigInt.asUintN(64, v);
  if (u(count - offset) >= u(cval)) return INT64_MAX; // ISTATUS set: next change when the count wraps
  const next = u(cval + offset);
  return next > INT64_MAX / NS_PER_TICK ? INT64_MAX : next * NS_PER_TICK;
}
