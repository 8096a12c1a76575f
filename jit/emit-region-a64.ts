// An A64 region as one wasm function (left: i32) -> exit code (J_*), the A64 counterpart of
// emit-region.ts (read that first: the same two passes, labels for forward branches inside the
// region, a loop whose head dispatches on the target for backward ones, links, exact counts).
// What differs: X0-X30 and SP (slot 31) live in i64 locals; the PC is 64 bits (the region's
// high word comes from its state key, core/jit/dispatch.ts stateKey64), so exits store an i64
// PC; register branches (BR, BLR, RET) always leave; the fallback is core/jit/fallback.ts jitA64.
import type { FunctionBody } from "./wasm/function-body.js";
import { Num, ValType } from "./wasm/opcodes.js";
import { STATE, S_X, S_PC64, S_ICOUNT, S_NF, J_NEXT, J_BUDGET, JIT_LINK_SITE, JIT_NEXT_REGION } from "../core/state/layout.js";
import type { GuestInsn } from "./region-finder.js";
import { Flag, type RegionModule } from "./emit-region.js";
import { emitA64Inline } from "./emit-a64.js";

const XREG = STATE + S_X, FLAGS = STATE + S_NF, ICOUNT = STATE + S_ICOUNT, PC64 = STATE + S_PC64;

/** The high word of the PCs of a region with A64 state key `key`. */
export const pcHighOfKey = (key: number) => ((key >>> 16) | (key & 2 ? 0xffff0000 : 0)) >>> 0;

/** Registers (bit n: Xn, bit 31: SP) and flags (bits 0..3) a region's inline code uses. */
export interface UseA64 {
  regs: number; writtenRegs: number; flags: number; writtenFlags: number;
  loopRegs: number; loopFlags: number; dispatch: boolean;
}
const noUse = (): UseA64 => ({ regs: 0, writtenRegs: 0, flags: 0, writtenFlags: 0, loopRegs: 0, loopFlags: 0, dispatch: false });

/**
 * Registers an A64 row run by the fallback may write while the region goes on: the register
 * fields Rt/Rd [4:0], Rn [9:5] (writeback), Rt2 [14:10], Rs/Rm [20:16], the next register of
 * each (CASP, LDXP pairs), and X0 (semihosting's result). Only these are reloaded after it.
 */
export function fallbackWritesA64(w: number): number {
  let m = 1;
  for (const lo of [0, 5, 10, 16]) { const r = (w >>> lo) & 31; m |= (1 << r) | (r < 31 ? 1 << (r + 1) : 0); }
  return m;
}

export class RegionEmitterA64 {
  pend = 0;
  readonly status: number;
  /** Scratch locals: i32 and i64. */
  readonly t: number[];
  readonly u: number[];
  readonly limit: number;
  private loopLevel = 0;
  private exitLevel = 0;
  private topLevel = 0;
  private readonly exitPc: number;
  private readonly exitLink: number;
  readonly links: number[] = [];
  private dirtyRegs = 0;
  private dirtyFlags = 0;
  private readonly labelDirty = new Map<number, [number, number]>();
  readonly fallbackRows: string[] = [];
  readonly use: UseA64 = noUse();
  private readonly regLocal: number;
  private readonly flagLocal: number;
  private readonly icount: number;
  readonly targets = new Set<number>();
  private readonly labelLevel = new Map<number, number>();
  private readonly pcs: Set<number>;
  /** The PCs' high word, as a bigint shifted into place. */
  private readonly hi: bigint;

  constructor(readonly b: FunctionBody, readonly m: RegionModule, readonly insns: readonly GuestInsn[], readonly key: number,
    private readonly known: UseA64 = noUse(), private readonly labels: ReadonlySet<number> = new Set(),
    private readonly allocLink: () => number = () => 0) {
    this.status = b.addLocal(ValType.i32);
    this.t = [b.addLocals(ValType.i32, 8)];
    for (let i = 1; i < 8; i++) this.t.push(this.t[0] + i);
    this.u = [b.addLocals(ValType.i64, 6)];
    for (let i = 1; i < 6; i++) this.u.push(this.u[0] + i);
    this.limit = b.addLocal(ValType.i64);
    this.regLocal = b.addLocals(ValType.i64, 32);
    this.flagLocal = b.addLocals(ValType.i32, 4);
    this.icount = b.addLocal(ValType.i64);
    this.exitPc = b.addLocal(ValType.i64);
    this.exitLink = b.addLocal(ValType.i32);
    this.pcs = new Set(insns.map((i) => i.pc));
    this.hi = BigInt(pcHighOfKey(key)) << 32n;
  }

  /** The full 64-bit PC of a low PC word of this region's page. */
  pc64(lo: number): bigint { return this.hi | BigInt(lo >>> 0); }
  get entryPc(): number { return this.insns[0].pc; }

  /** Push Xn, 31 reading as zero (XZR). */
  getX(n: number): this {
    if (n === 31) { this.b.i64Const(0); return this; }
    return this.getXSP(n);
  }
  /** Push Xn, 31 being SP. */
  getXSP(n: number): this {
    this.use.regs |= 1 << n;
    this.b.localGet(this.regLocal + n);
    return this;
  }
  /** Pop an i64 into Xn; 31 (XZR) drops it. */
  setX(n: number): this {
    if (n === 31) { this.b.drop(); return this; }
    return this.setXSP(n);
  }
  /** Pop an i64 into Xn, 31 being SP. */
  setXSP(n: number): this {
    this.use.regs |= 1 << n;
    this.use.writtenRegs |= 1 << n;
    this.dirtyRegs |= 1 << n;
    this.b.localSet(this.regLocal + n);
    return this;
  }
  getFlag(f: Flag): this {
    this.use.flags |= 1 << f;
    this.b.localGet(this.flagLocal + f);
    return this;
  }
  setFlag(f: Flag): this {
    this.use.flags |= 1 << f;
    this.use.writtenFlags |= 1 << f;
    this.dirtyFlags |= 1 << f;
    this.b.localSet(this.flagLocal + f);
    return this;
  }

  private spill(regs: number, flags: number): void {
    const b = this.b;
    b.i32Const(0).localGet(this.icount).i64Store(ICOUNT);
    for (let n = 0; n < 32; n++) if (regs & (1 << n)) b.i32Const(0).localGet(this.regLocal + n).i64Store(XREG + 8 * n);
    for (let f = 0; f < 4; f++) if (flags & (1 << f)) b.i32Const(0).localGet(this.flagLocal + f).i32Store(FLAGS + 4 * f);
  }

  private reload(regs = -1): void {
    const b = this.b, k = this.known;
    b.i32Const(0).i64Load(ICOUNT).localSet(this.icount);
    for (let n = 0; n < 32; n++) if (k.regs & regs & (1 << n)) b.i32Const(0).i64Load(XREG + 8 * n).localSet(this.regLocal + n);
    for (let f = 0; f < 4; f++) if (k.flags & (1 << f)) b.i32Const(0).i32Load(FLAGS + 4 * f).localSet(this.flagLocal + f);
  }

  flush(extra = 0): void {
    const n = this.pend + extra;
    this.pend = 0;
    if (n === 0) return;
    this.b.localGet(this.icount).i64Const(n).op(Num.i64_add).localSet(this.icount);
  }

  private inRegion(target: bigint): boolean {
    return (target & ~0xffffffffn) === this.hi && this.pcs.has(Number(target & 0xffffffffn));
  }

  /** A taken branch at `from` to the constant `target` (see RegionEmitter.branchTo). */
  branchTo(target: bigint, from: number): void {
    const saved = this.pend;
    this.pend++;
    const t = Number(target & 0xffffffffn);
    if (!this.inRegion(target)) this.exitTo(target);
    else if (t === this.entryPc && !this.known.dispatch) this.backEdge();
    else if (t > from) {
      this.targets.add(t);
      const level = this.labelLevel.get(t);
      const [r, f] = this.labelDirty.get(t) ?? [0, 0];
      this.labelDirty.set(t, [r | this.dirtyRegs, f | this.dirtyFlags]);
      if (level === undefined) this.exitTo(target);
      else { this.flush(); this.b.br(this.b.labelDepth - level); }
    } else {
      this.use.dispatch = true;
      if (t !== this.entryPc) this.targets.add(t);
      this.flush();
      this.b.i64Const(BigInt.asIntN(64, target)).localSet(this.exitPc);
      this.roundTheLoop();
    }
    this.pend = saved;
  }

  private roundTheLoop(): void {
    const b = this.b;
    this.use.loopRegs |= this.dirtyRegs;
    this.use.loopFlags |= this.dirtyFlags;
    b.localGet(this.icount).i64Const(this.insns.length).op(Num.i64_add).localGet(this.limit).op(Num.i64_gt_u)
      .brIf(b.labelDepth - this.exitLevel);
    if (this.known.dispatch) b.br(b.labelDepth - this.loopLevel);
    else b.br(b.labelDepth - this.exitLevel);
  }

  /** Leave the region to the constant `pc`, the pending count flushed. */
  exitTo(pc: bigint): void {
    const saved = this.pend;
    this.flush();
    this.b.i64Const(BigInt.asIntN(64, pc)).localSet(this.exitPc);
    this.setLink(((pc ^ this.pc64(this.entryPc)) & ~0xfffn) === 0n);
    this.b.br(this.b.labelDepth - this.exitLevel);
    this.pend = saved;
  }

  private setLink(chains: boolean): void {
    const link = chains ? this.allocLink() : 0;
    if (link !== 0) this.links.push(link);
    this.b.i32Const(link).localSet(this.exitLink);
  }

  /** Leave the region to the address in i64 local `v` (BR, BLR, RET). */
  exitToDynamic(v: number): void {
    const saved = this.pend;
    this.flush();
    this.b.localGet(v).localSet(this.exitPc);
    this.setLink(true); // the shared exit checks the page
    this.b.br(this.b.labelDepth - this.exitLevel);
    this.pend = saved;
  }

  backEdge(): void {
    const saved = this.pend;
    this.flush();
    const b = this.b;
    b.localGet(this.icount).i64Const(this.insns.length).op(Num.i64_add).localGet(this.limit).op(Num.i64_gt_u);
    b.if().i64Const(BigInt.asIntN(64, this.pc64(this.entryPc))).localSet(this.exitPc).br(b.labelDepth - this.exitLevel).end();
    b.br(b.labelDepth - this.loopLevel);
    this.use.loopRegs |= this.dirtyRegs;
    this.use.loopFlags |= this.dirtyFlags;
    this.pend = saved;
  }

  /** The interpreter's step for `insn` (jitA64); `owe` as in RegionEmitter.fallback. */
  fallback(insn: GuestInsn, owe = 0): void {
    const b = this.b;
    const saved = this.pend;
    this.flush();
    this.spill(this.dirtyRegs, this.dirtyFlags);
    b.i64Const(BigInt.asIntN(64, this.pc64(insn.pc))).i32Const(insn.word | 0).i32Const(insn.row).call(this.m.fnA64);
    b.localTee(this.status).if().localGet(this.status).return().end();
    this.reload(fallbackWritesA64(insn.word));
    if (b.labelDepth === this.topLevel) { this.dirtyRegs = 0; this.dirtyFlags = 0; }
    if (owe > 0) {
      b.localGet(this.icount).i64Const(saved + owe).op(Num.i64_sub).localSet(this.icount);
      this.pend = saved;
    }
  }

  emitBody(): void {
    const b = this.b, k = this.known;
    const entry64 = BigInt.asIntN(64, this.pc64(this.entryPc));
    b.localGet(0).i32Const(this.insns.length).op(Num.i32_lt_s).if().i32Const(J_BUDGET).return().end();
    this.reload();
    b.localGet(this.icount).localGet(0).op(Num.i64_extend_i32_u).op(Num.i64_add).localSet(this.limit);
    if (k.dispatch) b.i32Const(0).i64Load(PC64).localSet(this.exitPc);
    else b.i64Const(entry64).localSet(this.exitPc);
    b.block();
    this.exitLevel = b.labelDepth;
    b.loop();
    this.loopLevel = b.labelDepth;
    this.dirtyRegs = k.loopRegs; this.dirtyFlags = k.loopFlags;
    const labels = [...this.labels].sort((x, y) => y - x);
    for (const t of labels) { b.block(); this.labelLevel.set(t, b.labelDepth); }
    if (k.dispatch) {
      // the loop head: br_table on the slot of exitPc from the entry (rotated, so that a
      // misaligned target is out of range; a target outside the page is made out of range)
      b.block();
      const entryLevel = b.labelDepth;
      const slotOf = (pc: number) => ((pc - this.entryPc) >>> 0) >>> 2;
      const slots = new Array<number>(labels.length ? slotOf(labels[0]) + 1 : 1).fill(b.labelDepth - this.exitLevel);
      slots[0] = b.labelDepth - entryLevel;
      for (const t of labels) slots[slotOf(t)] = b.labelDepth - this.labelLevel.get(t)!;
      const d = this.u[5];
      b.localGet(this.exitPc).i64Const(entry64).op(Num.i64_sub).localSet(d);
      b.localGet(d).op(Num.i32_wrap_i64).i32Const(-1).localGet(d).i64Const(0xfff).op(Num.i64_le_u).select()
        .i32Const(2).op(Num.i32_rotr).brTable(slots, b.labelDepth - this.exitLevel);
      b.end();
    }
    this.topLevel = b.labelDepth;
    for (const insn of this.insns) {
      if (this.labelLevel.has(insn.pc)) {
        this.flush();
        b.end();
        this.topLevel = b.labelDepth;
        if (k.dispatch) { this.dirtyRegs |= k.loopRegs; this.dirtyFlags |= k.loopFlags; }
      }
      const [r, f] = this.labelDirty.get(insn.pc) ?? [0, 0];
      this.dirtyRegs |= r; this.dirtyFlags |= f;
      const after = (insn.pc + 4) >>> 0;
      if ((insn.name === "BL" || insn.name === "BLR") && this.pcs.has(after)) this.targets.add(after); // where the call returns
      if (emitA64Inline(this, insn)) continue;
      this.fallbackRows.push(insn.name);
      this.fallback(insn);
    }
    if (this.targets.size > 0) this.use.dispatch = true;
    const last = this.insns[this.insns.length - 1];
    this.exitTo(BigInt.asUintN(64, this.pc64(last.pc) + 4n));
    b.end().end();
    // the shared exit
    this.spill(k.writtenRegs, k.writtenFlags);
    b.i32Const(0).localGet(this.exitPc).i64Store(PC64);
    b.i32Const(0).localGet(this.exitLink).i32Store(JIT_LINK_SITE);
    b.localGet(this.exitLink).if();
    b.localGet(this.exitPc).i64Const(entry64).op(Num.i64_xor).i64Const(0x1000).op(Num.i64_lt_u)
      .localGet(this.exitLink).i32Load(0).localGet(this.exitPc).op(Num.i32_wrap_i64).op(Num.i32_eq).op(Num.i32_and);
    b.if().i32Const(0).localGet(this.exitLink).i32Load(4).i32Store(JIT_NEXT_REGION).end();
    b.end();
    b.i32Const(J_NEXT);
  }
}

/** emitRegion (emit-region.ts) for an A64 region. */
export function emitRegionA64(m: RegionModule, insns: readonly GuestInsn[], key: number, allocLink: () => number = () => 0):
  { fn: number; fallbackRows: string[]; links: number[]; entries: number[] } {
  const b = m.mb.beginFunction(m.regionType);
  const first = new RegionEmitterA64(b, m, insns, key);
  first.emitBody();
  b.begin(1);
  const e = new RegionEmitterA64(b, m, insns, key, first.use, first.targets, allocLink);
  e.emitBody();
  const entries = [insns[0].pc, ...(first.use.dispatch ? first.targets : [])];
  return { fn: m.mb.endFunction(), fallbackRows: e.fallbackRows, links: e.links, entries };
}
