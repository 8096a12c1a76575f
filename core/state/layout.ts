// Fixed layout of wasm linear memory and of the active CPU's state block.
// Plain numeric constants only: this file is compiled both by asc (core) and by tsc
// (machines, snapshot), so both sides agree on every offset.

// ---- linear memory map (host addresses inside the wasm memory) ----
/** Active CPU state block; other CPUs are swapped in and out of it by copy. */
export const STATE = 0x0010_0000;
export const STATE_SIZE = 0x4000;
/** Save slots for the state blocks of up to CPU_SLOTS_MAX CPUs (they end below TLB_BASE). */
export const CPU_SLOTS = 0x0011_0000;
export const CPU_SLOTS_MAX = 32;
/** Software TLB (see core/mmu/tlb.ts). */
export const TLB_BASE = 0x0020_0000;
/** Software TLB for AArch64 virtual addresses (core/mmu/tlb64.ts), after the AArch32 one. */
export const TLB64_BASE = 0x0021_0000;
/** Physical RAM region table: RAM_REGION_MAX rows of RAM_REGION_SIZE bytes. */
export const RAM_REGIONS = 0x0030_0000;
export const RAM_REGION_MAX = 8;
export const RAM_REGION_SIZE = 16; // guest base lo, guest base hi, size, host offset
/** Result of the last device access, set by the host: 0 completed, 1 nothing answered at that
 *  physical address (QEMU's MEMTX_DECODE_ERROR). The core reads and clears it after each access. */
export const BUS_STATUS = 0x0030_0100;
export const BUS_DECODE_ERROR = 1;
/** Trace events the core reports through the host's trace import (kind, a, b). */
export const TRACE_SEMIHOSTING_OFF = 1; // a semihosting trap while semihosting is off: a = PC, b = instruction
/** Scratch page used by the host to pass small buffers (semihosting strings...). */
export const SCRATCH = 0x0030_1000;
export const SCRATCH_SIZE = 0x1000;
/** Decoded-instruction cache: DECODE_CACHE_ENTRIES × (instruction word, row id). */
export const DECODE_CACHE = 0x0040_0000;
export const DECODE_CACHE_ENTRIES = 0x1_0000;
/** Thumb decode caches (core/exec/thumb.ts): 32-bit words, T32_DECODE_CACHE_ENTRIES × (word, route:row),
 *  and the 16-bit table, 65536 × u16 (row id + 2, 0 = not decoded yet). */
export const T32_DECODE_CACHE = 0x0048_0000;
export const T32_DECODE_CACHE_ENTRIES = 0x1_0000;
export const T16_DECODE_TABLE = 0x0050_0000;
/** A64 decode cache (core/exec/interp-a64.ts): A64_DECODE_CACHE_ENTRIES × (word, row id). */
export const A64_DECODE_CACHE = 0x0052_0000;
export const A64_DECODE_CACHE_ENTRIES = 0x8000;
// ---- JIT (core/jit): shared by every CPU, never saved ----
/** Jump cache: direct-mapped by code host address and state key; entry = vpc, host pc, key,
 *  page generation << 24 | table index (0 = none). */
export const JIT_JUMP_CACHE = 0x0060_0000;
export const JIT_JUMP_ENTRIES = 0x4000;
/** Heat counters at block starts: entry = vpc, host pc, key, executions. */
export const JIT_HEAT = 0x0064_0000;
export const JIT_HEAT_ENTRIES = 0x4000;
/** Compile requests for the host: u32 count, then JIT_QUEUE_MAX entries of vpc, host pc, key. */
export const JIT_QUEUE = 0x0068_0000;
export const JIT_QUEUE_MAX = 256;
/** One bit per 4 KiB page of wasm memory: the page holds translated code (writes are watched). */
export const JIT_CODE_PAGES = 0x0069_0000;
/** Code pages written since the host last looked: u32 count, u32 overflow, then page numbers. */
export const JIT_DIRTY = 0x006b_0000;
export const JIT_DIRTY_MAX = 1022;
/** Region chaining (jit/emit-region.ts): the link of the exit site a region left through
 *  (u32 address; 0 = none, 1 = no region ran, i.e. the stub in a freed slot), the table index
 *  that link named for the exit's target (0 = unknown: look it up), then JIT_LINKS_MAX links of
 *  16 bytes: target vpc, table index of the region there (same page and state key as the
 *  site's region), two spare words. */
export const JIT_LINK_SITE = 0x006b_1000;
export const JIT_NEXT_REGION = 0x006b_1004;
export const JIT_LINKS = 0x006b_1010;
export const JIT_LINKS_MAX = 0x4eff;
/** One byte per 4 KiB page of wasm memory: bumped when translated code there is overwritten;
 *  jump-cache entries carry the generation they were made in, so stale ones never match. */
export const JIT_PAGE_GEN = 0x0070_0000;
/** 64 bits per 4 KiB page of wasm memory: which 64-byte chunks hold translated code, so that a
 *  store next to code (data sharing the page) leaves the translations alone (8 MiB). */
export const JIT_CODE_CHUNKS = 0x0080_0000;
/** Region exits (what a translated region returns to the dispatcher). */
export const J_NEXT = 0;   // left normally: r15 holds the next instruction
export const J_EXC = 1;    // an instruction took an exception (it did not retire); r15 is the vector
export const J_BUDGET = 2; // the region would overrun the instruction budget: nothing ran
export const J_LEAVE = 3;  // an instruction ended the region (branch, CPSR change...): r15 is the next PC
export const J_EXC_RETIRED = 4; // as J_EXC, but the instruction counts as executed (SVC, UNDEFINED, BKPT: exception entry retired it)

export const GUEST_RAM_HOST = 0x0100_0000;
/** Largest RAM size we accept (wasm32 memory is at most 4 GiB). */
export const MAX_RAM_BYTES = 0xC000_0000;

// ---- offsets inside the CPU state block ----
/** r0..r15 of the current mode; r15 holds the address of the current instruction. */
export const S_REGS = 0x000;
/** Flags kept apart for speed (QEMU-style): N = bit 31 of NF, Z = (ZF == 0), C = CF & 1, V = bit 31 of VF. */
export const S_NF = 0x040;
export const S_ZF = 0x044;
export const S_CF = 0x048;
export const S_VF = 0x04c;
export const S_QF = 0x050;
/** GE[3:0] in bits 3..0. */
export const S_GE = 0x054;
/** CPSR without N,Z,C,V,Q,GE (mode, T, IT, E, A, I, F, J). */
export const S_CPSR_REST = 0x058;
/** r8..r14 of User/System mode when another mode is current (valid only then for r13/r14; r8..r12 when FIQ is current). */
export const S_BANK_USR = 0x060; // 7 words: r8..r14
export const S_BANK_FIQ = 0x080; // 7 words: r8..r14
/** r13,r14 pairs for IRQ, SVC, ABT, UND, MON, HYP (hyp has only r13; its ELR is S_ELR_HYP). */
export const S_BANK_IRQ = 0x0a0;
export const S_BANK_SVC = 0x0a8;
export const S_BANK_ABT = 0x0b0;
export const S_BANK_UND = 0x0b8;
export const S_BANK_MON = 0x0c0;
export const S_BANK_HYP = 0x0c8;
/** SPSRs for FIQ, IRQ, SVC, ABT, UND, MON, HYP. */
export const S_SPSR_FIQ = 0x0d0;
export const S_SPSR_IRQ = 0x0d4;
export const S_SPSR_SVC = 0x0d8;
export const S_SPSR_ABT = 0x0dc;
export const S_SPSR_UND = 0x0e0;
export const S_SPSR_MON = 0x0e4;
export const S_SPSR_HYP = 0x0e8;
export const S_ELR_HYP = 0x0ec;
/** The SPSR QEMU keeps for User/System mode (its banked_spsr[0]): MSR/MRS SPSR and exception
 *  returns in System mode use it (UNPREDICTABLE architecturally). */
export const S_SPSR_USR = 0x0f0;

/** Exclusive monitor: address (lo/hi of PA), size, valid flag, and the value read (lo/hi). */
export const S_EXCL_ADDR = 0x100;
export const S_EXCL_ADDR_HI = 0x104;
export const S_EXCL_SIZE = 0x108;
export const S_EXCL_VALID = 0x10c;
export const S_EXCL_VAL = 0x110;
export const S_EXCL_VAL_HI = 0x114;

/** Retired instruction count (u64). */
export const S_ICOUNT = 0x120;
/** Non-zero while the CPU sleeps: HALT_WFI (also powered off) or HALT_WFE. */
export const S_HALTED = 0x128;
/** S_HALTED values: only an interrupt line wakes WFI; an event (another CPU's SEV) also wakes WFE. */
export const HALT_WFI = 1;
export const HALT_WFE = 2;
/** Interrupt input lines driven by the interrupt controller (bit 0 IRQ, bit 1 FIQ, bit 2 VIRQ, bit 3 VFIQ). */
export const S_IRQ_LINES = 0x12c;
/** Event register for WFE/SEV. */
export const S_EVENT = 0x130;
/** Virtual time base: nanoseconds of guest time at icount 0 (f64), and ns per instruction (f64). */
export const S_TIME_BASE_NS = 0x138;
export const S_NS_PER_INSN = 0x140;
/** CPU output levels for the interrupt controller: generic timer (bit 0 phys NS, 1 virt, 2 hyp,
 *  3 phys S) and the PMU overflow request (bit 4, LINE_PMU). */
export const S_TIMER_LINES = 0x148;
/** Index of this CPU (0..7) and its MPIDR affinity. */
export const S_CPU_INDEX = 0x14c;

/** PMU (core/pmu.ts), QEMU's c15_ccnt_delta / c14_pmevcntr_delta: per counter (cycle counter,
 *  then event counters 0..5, u64 each) the underlying count at the last synchronisation, or,
 *  while the counter runs, that count minus the value in its SR_ slot. */
export const S_PMU_DELTA = 0x300;
/** When QEMU's PMU timer would next check for an overflow: guest ns (f64) and this CPU's
 *  instruction count (u64, INST_RETIRED counters); 0 = not armed. */
export const S_PMU_DUE_NS = 0x338;
export const S_PMU_DUE_INSNS = 0x340;

/** System register storage, assigned by the sysreg generator (core/generated/sysregs.ts). */
export const S_SYSREGS = 0x400;
export const S_SYSREGS_SIZE = 0xc00;
/** VFP/NEON register file: d0..d31, 8 bytes each, little-endian (Sn = half of D(n/2), Qn = D2n:D2n+1).
 *  It is also the low half of AArch64's V0..V31 (16 bytes each: Vn = D2n:D2n+1 for n < 16, as the
 *  architecture maps AArch32's view), which runs on to S_VFP + 0x200. */
export const S_VFP = 0x1000;
/** Floating-point status and control (FPSCR), the exception register (FPEXC), FPINST/FPINST2 (RAZ on the A15). */
export const S_FPSCR = 0x1200;
export const S_FPEXC = 0x1204;
export const S_FPINST = 0x1208;
export const S_FPINST2 = 0x120c;

// ---- AArch64 (Cortex-A57). The AArch64 PSTATE lives in S_CPSR_REST with SPSR_ELx's layout:
// bit 4 (nRW) = 0 there tells AArch64 from AArch32, whose modes all have bit 4 set; DAIF are bits
// 9:6 (I and F where AArch32 has them), EL bits 3:2, SPSel bit 0, IL bit 20, SS bit 21. NZCV stay
// in S_NF..S_VF for both states (QEMU keeps them there too). ----
/** X0..X30, then slot 31: the stack pointer currently selected (SP_EL0 or SP_ELx), 8 bytes each. */
export const S_X = 0x1300;
/** Address of the current AArch64 instruction (u64). */
export const S_PC64 = 0x1400;
/** The stack pointers while not selected: SP_EL0, SP_EL1 (u64 each). */
export const S_SP_EL0 = 0x1408;
export const S_SP_EL1 = 0x1410;
/** ELR_EL1 (u64). SPSR_EL1 is S_SPSR_SVC (the architecture maps it to SPSR_svc). */
export const S_ELR_EL1 = 0x1418;
/** Exclusive monitor of AArch64 pairs: the second value read (LDXP), u64 each half. */
export const S_EXCL_VAL2 = 0x1420;
/** End of the state cleared at reset (general registers through the AArch64 state). */
export const S_RESET_END = 0x1430;

// ---- values shared by core and host ----
/** Reasons run() returns. */
export const STOP_BUDGET = 0;
export const STOP_WFI = 1;
export const STOP_HOST = 2;
export const STOP_CRASH = 3;

/** S_TIMER_LINES bit of the PMU interrupt request (QEMU pmu_update_irq). */
export const LINE_PMU = 0x10;

/** Processor mode numbers (CPSR.M). */
export const MODE_USR = 0x10;
export const MODE_FIQ = 0x11;
export const MODE_IRQ = 0x12;
export const MODE_SVC = 0x13;
export const MODE_MON = 0x16;
export const MODE_ABT = 0x17;
export const MODE_HYP = 0x1a;
export const MODE_UND = 0x1b;
export const MODE_SYS = 0x1f;
/** S_CPSR_REST in AArch64: nRW (clear in AArch64), the EL field, SPSel. */
export const PSTATE_NRW = 0x10;
export const PSTATE_EL_SHIFT = 2;
export const PSTATE_SP = 0x1;
