// Every import the core takes from the TypeScript host, in one place, so the
// interpreter and (later) JIT-generated modules share a single boundary.
// Signatures are i32/f64 only: i64 would cross as a BigInt.

/** Read `size` (1, 2, 4) bytes from a device at physical address hi:lo. */
@external("host", "mmioRead")
export declare function mmioRead(paLo: u32, paHi: u32, size: i32): u32;

/** Write `size` (1, 2, 4) bytes to a device at physical address hi:lo. */
@external("host", "mmioWrite")
export declare function mmioWrite(paLo: u32, paHi: u32, size: i32, value: u32): void;

/** Semihosting call: op and parameter (r0, r1); returns the value for r0. */
@external("host", "semihosting")
export declare function semihosting(op: u32, param: u32): u32;

/** Host clock in nanoseconds (used when time is not virtual). */
@external("host", "hostNowNs")
export declare function hostNowNs(): f64;

/** Debug trace hook: kind and two values (unimplemented sysreg, odd access...). */
@external("host", "trace")
export declare function trace(kind: i32, a: u32, b: u32): void;

/** PSCI call through the machine's conduit (HVC/SMC): function id and r1..r3; returns r0. */
/** GICv3 CPU-interface register `reg` (core/sysregs/defs/gicv3-cpuif.ts) of the running CPU:
 *  a read returns the value (all of them fit 32 bits), a write passes it as lo/hi halves. */
@external("host", "gicSysreg")
export declare function gicSysreg(reg: i32, isWrite: i32, lo: u32, hi: u32): u32;

@external("host", "psci")
export declare function psci(fn: u32, a1: u32, a2: u32, a3: u32, fnHi: u32, a1Hi: u32, a2Hi: u32, a3Hi: u32, aarch64: u32): i32;
