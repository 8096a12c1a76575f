// Turns a region's instructions into one wasm function (left: i32) -> exit code (J_*).
// A region is a run of guest code in program order. Branches to its own instructions stay in
// it: forward ones jump straight there (a wasm block per target), backward ones and register
// branches (BX, POP {pc}, jump tables) go round a loop whose head dispatches on the target
// (br_table over the region's instruction slots; a slot with no label leaves the region), and
// any other branch leaves it. Guest registers r0-r14, the NZCV flags its inline code touches and the
// retired-instruction count live in wasm locals: loaded at entry, written back to the core's
// state block before every exit and every fallback (which reads and writes them there), and
// reloaded after a fallback. Which registers, and which targets, is known only once the whole
// region is emitted, so a region is emitted twice: a first pass collects them, the second
// emits the code. Retirements are counted at compile time (`pend`) and added to the count
// before anything that can observe it, so counts are exact at every exit.
// Instructions with an inline emitter (jit/emit-a32.ts) run in place; any other row is a call
// of the core's fallback (core/jit/fallback.ts), which runs it the interpreter's way.
import { ModuleBuilder } from "./wasm/module-builder.js";
import type { FunctionBody } from "./wasm/function-body.js";
import { Num, ValType } from "./wasm/opcodes.js";
import { STATE, S_REGS, S_ICOUNT, S_CPSR_REST, S_NF, S_IRQ_LINES, J_NEXT, J_BUDGET, JIT_LINK_SITE, JIT_NEXT_REGION } from "../core/state/layout.js";
import type { GuestInsn } from "./region-finder.js";
import { emitA32Inline } from "./emit-a32.js";
import { emitThumbInline } from "./emit-thumb.js";

export const R15 = STATE + S_REGS + 15 * 4;
const REG = STATE + S_REGS, FLAGS = STATE + S_NF; // NF, ZF, CF, VF are consecutive words
const ICOUNT = STATE + S_ICOUNT;

/** Function indices and types every region module shares. */
export interface RegionModule {
  mb: ModuleBuilder;
  regionType: number;
  fnA32: number;
  fnThumb: number;
  fnA64: number;
}

/** Start a module of regions: imports the core's memory and fallbacks ("core" namespace). */
export function beginRegionModule(mb: ModuleBuilder): RegionModule {
  mb.reset();
  mb.importMemory({ initial: 1 });
  const { i32 } = ValType;
  const regionType = mb.type([i32], [i32]);
  const fallbackType = mb.type([i32, i32, i32], [i32]);
  const fnA32 = mb.importFunction("core", "a32", fallbackType);
  const fnThumb = mb.importFunction("core", "thumb", fallbackType);
  const fnA64 = mb.importFunction("core", "a64", mb.type([ValType.i64, i32, i32], [i32]));
  return { mb, regionType, fnA32, fnThumb, fnA64 };
}

const insnBytes = (i: GuestInsn) => (i.set === "t16" ? 2 : 4);
/** Rows that call (set LR): the instruction after one is where the callee returns. */
const CALLS = new Set(["BL_imm", "BLX_reg", "BLX_imm", "T16_BLX", "T_BL", "T_BLX"]);

/** The flags, in the state block's encoding: N = bit 31 of NF, Z = (ZF == 0), C = bit 0 of CF, V = bit 31 of VF. */
export const enum Flag { N = 0, Z = 1, C = 2, V = 3 }

/** Registers and flags a region's inline code reads or writes (bit masks; flags are bits 0..3). */
export interface RegionUse {
  regs: number; writtenRegs: number; flags: number; writtenFlags: number;
  /** Registers (bits 0..14) and flags (bits 16..19) possibly changed and not written back at a back edge. */
  loopDirty: number;
  /** The region has labels (branch targets, return points after calls): its loop head, and
   *  its start, dispatch on the target, so that it may also be entered at any of them. */
  dispatch: boolean;
}
/**
 * Registers an instruction run by the fallback may write when it then lets the region go on
 * (no exception, no branch, no mode change): those its encoding names (A32/T32 register
 * fields and lists, Rt + 1 of doubleword forms; Thumb-16: the low registers, SP, LR and the
 * high-register fields), and r0 (semihosting's result). Only these are reloaded after it.
 */
export function fallbackWrites(insn: GuestInsn): number {
  const w = insn.word;
  let m = 1;
  if (insn.set === "t16") {
    m |= 0xff | (1 << 13) | (1 << 14) | (1 << (((w >>> 4) & 8) | (w & 7))) | (1 << ((w >>> 3) & 15));
  } else {
    for (const lo of [16, 12, 8, 0]) m |= 1 << ((w >>> lo) & 15);
    m |= 1 << (((w >>> 12) & 15) + 1);
    if (/LDM|POP/.test(insn.name)) m |= w & 0xffff;
  }
  return m & 0x7fff;
}

const noUse = (): RegionUse => ({ regs: 0, writtenRegs: 0, flags: 0, writtenFlags: 0, loopDirty: 0, dispatch: false });
const FLAG_BITS = 16;

/** What an inline emitter may use while emitting one instruction. */
export class RegionEmitter {
  /** Instructions retired since the last flush to the count (known at compile time). */
  pend = 0;
  readonly status: number;
  readonly limit: number;
  /** Scratch i32 locals. */
  readonly t: number[];
  /** Label depth of the loop around the region body (for back edges to the entry). */
  private loopLevel = 0;
  /** Label depth of the block whose end is the shared exit (write back, set the PC, return). */
  private exitLevel = 0;
  /** Label depth of straight-line code outside any instruction's own blocks. */
  private topLevel = 0;
  /** The PC the shared exit leaves to. */
  private readonly exitPc: number;
  /** The link of the exit site taken (0: none): the shared exit hands the dispatcher the
   *  region it names when that is the region for exitPc, else the link to fill in. */
  private readonly exitLink: number;
  /** Link addresses this emission took (the host frees them with the region). */
  readonly links: number[] = [];
  /** Registers (bits 0..14) and flags (bits 16..19) changed since they were last written back,
   *  on some path to here (a union: writing back a clean one is harmless). */
  private dirty = 0;
  /** Dirty sets of the forward branches to each label, joined there. */
  private readonly labelDirty = new Map<number, number>();
  /** Rows emitted as fallback calls (statistics). */
  readonly fallbackRows: string[] = [];
  /** What this pass's inline code used (the next pass's `known`). */
  readonly use: RegionUse = noUse();
  private readonly regLocal: number;
  private readonly flagLocal: number;
  /** The retired-instruction count (S_ICOUNT) while the region runs. */
  private readonly icount: number;
  /** Branch targets inside the region this pass saw (the next pass's labels). */
  readonly targets = new Set<number>();
  /** Label depth of the block each known target closes (filled as blocks open). */
  private readonly labelLevel = new Map<number, number>();
  private readonly pcs: Set<number>;

  constructor(readonly b: FunctionBody, readonly m: RegionModule, readonly insns: readonly GuestInsn[],
    /** State key: 1 = user mode (its TLB tables), 0x20 Thumb, 0x200 big-endian data. */
    readonly key: number,
    /** The first pass's use: what to load at entry and after fallbacks, and write back. */
    private readonly known: RegionUse = noUse(),
    /** The first pass's branch targets: each gets a label before its instruction. */
    private readonly labels: ReadonlySet<number> = new Set(),
    /** A fresh link (zeroed memory of JIT_LINKS), 0 when none is left; the first pass has none. */
    private readonly allocLink: () => number = () => 0) {
    this.status = b.addLocal(ValType.i32);
    this.t = [b.addLocals(ValType.i32, 8)];
    for (let i = 1; i < 8; i++) this.t.push(this.t[0] + i);
    this.limit = b.addLocal(ValType.i64);
    this.regLocal = b.addLocals(ValType.i32, 15);
    this.flagLocal = b.addLocals(ValType.i32, 4);
    this.icount = b.addLocal(ValType.i64);
    this.exitPc = b.addLocal(ValType.i32);
    this.exitLink = b.addLocal(ValType.i32);
    this.pcs = new Set(insns.map((i) => i.pc));
    this.slotShift = insns[0].set === "a32" ? 2 : 1;
  }

  /** log2 of the instruction slot size: dispatch indexes slots from the entry. */
  private readonly slotShift: number;

  /** Words of the region that hold addresses of its own instructions (a jump table's
   *  entries, inline in A32 code): where a register branch may land. */
  private jumpTableTargets(): number[] {
    // (Thumb code uses TBB/TBH, whose tables hold offsets)
    return this.tableTargets ??= this.insns.filter((i) => i.set === "a32" && this.pcs.has(i.word >>> 0)).map((i) => i.word >>> 0);
  }
  private tableTargets?: number[];

  /** Push r0-r14 (the caller handles the PC, whose read value depends on the instruction set). */
  getReg(n: number): this {
    if (n > 14) throw new Error(`getReg(${n}): the PC is not a local`);
    this.use.regs |= 1 << n;
    this.b.localGet(this.regLocal + n);
    return this;
  }

  /** Pop the stack top into r0-r14. */
  setReg(n: number): this {
    if (n > 14) throw new Error(`setReg(${n}): PC writes leave the region`);
    this.use.regs |= 1 << n;
    this.use.writtenRegs |= 1 << n;
    this.dirty |= 1 << n;
    this.b.localSet(this.regLocal + n);
    return this;
  }

  /** Push a flag word (Flag's encoding). */
  getFlag(f: Flag): this {
    this.use.flags |= 1 << f;
    this.b.localGet(this.flagLocal + f);
    return this;
  }

  /** Pop the stack top into a flag word (Flag's encoding). */
  setFlag(f: Flag): this {
    this.use.flags |= 1 << f;
    this.use.writtenFlags |= 1 << f;
    this.dirty |= 1 << (FLAG_BITS + f);
    this.b.localSet(this.flagLocal + f);
    return this;
  }

  /** Write the count and the registers and flags in `mask` back to the state block. */
  private spill(mask: number): void {
    const b = this.b;
    b.i32Const(0).localGet(this.icount).i64Store(ICOUNT);
    for (let n = 0; n < 15; n++) if (mask & (1 << n)) b.i32Const(0).localGet(this.regLocal + n).i32Store(REG + 4 * n);
    for (let f = 0; f < 4; f++) if (mask & (1 << (FLAG_BITS + f))) b.i32Const(0).localGet(this.flagLocal + f).i32Store(FLAGS + 4 * f);
  }

  /** Load the count, the flags and the registers in `regs` that inline code uses from the state block. */
  private reload(regs = 0x7fff): void {
    const b = this.b, k = this.known;
    b.i32Const(0).i64Load(ICOUNT).localSet(this.icount);
    for (let n = 0; n < 15; n++) if (k.regs & regs & (1 << n)) b.i32Const(0).i32Load(REG + 4 * n).localSet(this.regLocal + n);
    for (let f = 0; f < 4; f++) if (k.flags & (1 << f)) b.i32Const(0).i32Load(FLAGS + 4 * f).localSet(this.flagLocal + f);
  }

  get entryPc(): number { return this.insns[0].pc; }

  /** Add the pending count to the running count (emits nothing when there is none). */
  flush(extra = 0): void {
    const n = this.pend + extra;
    this.pend = 0;
    if (n === 0) return;
    this.b.localGet(this.icount).i64Const(n).op(Num.i64_add).localSet(this.icount);
  }

  /**
   * A taken branch at `from` to the constant `target` (`pend` counts the instructions before
   * it): round the region's loop if it is the entry, a jump forward if it is a later
   * instruction of the region, else leave the region there.
   */
  branchTo(target: number, from: number): void {
    const saved = this.pend;
    this.pend++; // the branch retires
    if (target === this.entryPc && !this.known.dispatch) this.backEdge();
    else if (target > from && this.pcs.has(target)) {
      this.targets.add(target);
      const level = this.labelLevel.get(target);
      this.labelDirty.set(target, (this.labelDirty.get(target) ?? 0) | this.dirty);
      if (level === undefined) this.exitTo(target); // first pass: no labels yet
      else { this.flush(); this.b.br(this.b.labelDepth - level); }
    } else if (this.pcs.has(target)) {
      this.use.dispatch = true;
      if (target !== this.entryPc) this.targets.add(target);
      this.flush();
      this.b.i32Const(target | 0).localSet(this.exitPc);
      this.roundTheLoop();
    } else this.exitTo(target);
    this.pend = saved;
  }

  /** Go round to the loop head, which dispatches on `exitPc` (the count flushed), if the
   *  budget allows another pass; else leave to `exitPc`. */
  private roundTheLoop(): void {
    const b = this.b;
    this.use.loopDirty |= this.dirty;
    b.localGet(this.icount).i64Const(this.insns.length).op(Num.i64_add).localGet(this.limit).op(Num.i64_gt_u)
      .brIf(b.labelDepth - this.exitLevel);
    if (this.known.dispatch) b.br(b.labelDepth - this.loopLevel);
    else b.br(b.labelDepth - this.exitLevel); // first pass: no dispatch yet
  }

  /** Leave the region to `pc` (a constant), the pending count flushed. */
  exitTo(pc: number): void {
    const saved = this.pend;
    this.flush();
    this.b.i32Const(pc | 0).localSet(this.exitPc);
    this.setLink(((pc ^ this.entryPc) >>> 0) < 0x1000);
    this.b.br(this.b.labelDepth - this.exitLevel);
    this.pend = saved; // other paths still owe it
  }

  /** Give the exit about to be taken a link of its own (if it may chain: the same page and
   *  instruction set), or none. */
  private setLink(chains: boolean): void {
    const link = chains ? this.allocLink() : 0;
    if (link !== 0) this.links.push(link);
    this.b.i32Const(link).localSet(this.exitLink);
  }

  /**
   * Leave the region to the address in local `v`. With `interwork` (BXWritePC, core/cpu.ts)
   * bit 0 selects the instruction set: CPSR.T = bit 0 (the dispatcher then looks the target
   * up under the new key). Without it (BranchWritePC, Thumb's ALUWritePC) the set stays and
   * the low bit(s) are cleared.
   */
  exitToDynamic(v: number, interwork = true): void {
    const saved = this.pend;
    this.flush();
    const b = this.b, REST = STATE + S_CPSR_REST, thumb = this.slotShift === 1;
    if (interwork) {
      // bit 0 picks the instruction set; a switch leaves the region (the key changes)
      b.localGet(v).i32Const(1).op(Num.i32_and);
      if (thumb) b.op(Num.i32_eqz);
      b.if()
        .i32Const(0).i32Const(0).i32Load(REST).i32Const(thumb ? ~0x20 : 0x20).op(thumb ? Num.i32_and : Num.i32_or).i32Store(REST)
        .localGet(v).i32Const(-2).op(Num.i32_and).localSet(this.exitPc).i32Const(0).localSet(this.exitLink)
        .br(b.labelDepth - this.exitLevel)
        .end();
    }
    b.localGet(v);
    if (thumb || !interwork) b.i32Const(thumb ? -2 : -4).op(Num.i32_and); // BranchWritePC (A32 interworking keeps bit 1)
    b.localSet(this.exitPc);
    this.setLink(true); // the shared exit checks the page
    const table = this.jumpTableTargets();
    if (table.length > 0) this.use.dispatch = true;
    for (const t of table) if (t !== this.entryPc) this.targets.add(t);
    // with labels the loop head dispatches on it, so what is dirty here may arrive at any label
    // (both passes: whether there will be labels is known only once the first pass is done)
    this.use.loopDirty |= this.dirty;
    if (this.known.dispatch) this.roundTheLoop();
    else b.br(b.labelDepth - this.exitLevel);
    this.pend = saved;
  }

  /** A branch to the region's entry: go round again if the budget allows, else leave there. */
  backEdge(): void {
    const saved = this.pend;
    this.flush();
    const b = this.b;
    // icount + length > limit: not enough budget for another pass
    b.localGet(this.icount).i64Const(this.insns.length).op(Num.i64_add).localGet(this.limit).op(Num.i64_gt_u);
    b.if().i32Const(this.entryPc | 0).localSet(this.exitPc).br(b.labelDepth - this.exitLevel).end();
    b.br(b.labelDepth - this.loopLevel);
    this.use.loopDirty |= this.dirty;
    this.pend = saved;
  }

  /**
   * The interpreter's step for `insn` through the core's fallback: the count up to it is
   * flushed first (the fallback retires it itself); a non-zero verdict leaves the region.
   * `owe` re-borrows that many retirements into pend afterwards (a slow path that joins a
   * fast path which counts the instruction statically).
   */
  fallback(insn: GuestInsn, owe = 0): void {
    const b = this.b;
    const saved = this.pend;
    this.flush();
    this.spill(this.dirty);
    b.i32Const(insn.pc | 0).i32Const(insn.word | 0);
    if (insn.set === "a32") b.i32Const(insn.row).call(this.m.fnA32);
    else b.i32Const(insn.set === "t32" ? 1 : 0).call(this.m.fnThumb);
    b.localTee(this.status).if().localGet(this.status).return().end();
    this.reload(fallbackWrites(insn));
    if (b.labelDepth === this.topLevel) this.dirty = 0; // every path here wrote back (inside an if, the other may not have)
    if (owe > 0) {
      // the fast path's static count includes what ran before and this instruction: take
      // them back out so that both paths owe the same
      b.localGet(this.icount).i64Const(saved + owe).op(Num.i64_sub).localSet(this.icount);
      this.pend = saved;
    }
  }

  emitBody(): void {
    const b = this.b, k = this.known;
    // limit = icount + left; the region runs only if one whole pass fits.
    b.localGet(0).i32Const(this.insns.length).op(Num.i32_lt_s).if().i32Const(J_BUDGET).return().end();
    this.reload();
    b.localGet(this.icount).localGet(0).op(Num.i64_extend_i32_u).op(Num.i64_add).localSet(this.limit);
    // with labels, the region starts where r15 says: at its entry or at one of them
    if (k.dispatch) b.i32Const(0).i32Load(R15).localSet(this.exitPc);
    else b.i32Const(this.entryPc | 0).localSet(this.exitPc);
    b.block();
    this.exitLevel = b.labelDepth;
    b.loop();
    this.loopLevel = b.labelDepth;
    this.dirty = k.loopDirty; // what going round brings
    // One block per target, outermost = furthest, each ended just before its target.
    const labels = [...this.labels].sort((x, y) => y - x);
    for (const t of labels) { b.block(); this.labelLevel.set(t, b.labelDepth); }
    if (k.dispatch) {
      // the loop head: br_table on the slot of exitPc from the entry (rotated, so that a
      // misaligned target is out of range); a slot without a label leaves to exitPc
      b.block();
      const entryLevel = b.labelDepth;
      const slotOf = (pc: number) => ((pc - this.entryPc) >>> 0) >>> this.slotShift;
      const slots = new Array<number>(labels.length ? slotOf(labels[0]) + 1 : 1).fill(b.labelDepth - this.exitLevel);
      slots[0] = b.labelDepth - entryLevel;
      for (const t of labels) slots[slotOf(t)] = b.labelDepth - this.labelLevel.get(t)!;
      b.localGet(this.exitPc).i32Const(this.entryPc | 0).op(Num.i32_sub).i32Const(this.slotShift).op(Num.i32_rotr)
        .brTable(slots, b.labelDepth - this.exitLevel);
      b.end();
    }
    this.topLevel = b.labelDepth;
    for (const insn of this.insns) {
      if (this.labelLevel.has(insn.pc)) { // both ways in owe nothing
        this.flush();
        b.end();
        this.topLevel = b.labelDepth;
        if (k.dispatch) this.dirty |= k.loopDirty; // the loop head may come here
      }
      this.dirty |= this.labelDirty.get(insn.pc) ?? 0; // forward branches here bring theirs (both passes)
      const after = insn.pc + insnBytes(insn);
      if (CALLS.has(insn.name) && this.pcs.has(after)) this.targets.add(after); // where the call returns
      if (insn.set === "a32" ? emitA32Inline(this, insn) : emitThumbInline(this, insn)) continue;
      this.fallbackRows.push(insn.name);
      this.fallback(insn);
    }
    if (this.targets.size > 0) this.use.dispatch = true;
    const last = this.insns[this.insns.length - 1];
    this.exitTo(last.pc + insnBytes(last));
    b.end().end();
    // the shared exit
    this.spill(k.writtenRegs | (k.writtenFlags << FLAG_BITS));
    b.i32Const(R15).localGet(this.exitPc).i32Store();
    // Chaining: the site's link, and the region it names if that is the region for exitPc
    // (a target in this page: the same code host page and state key), for the dispatcher.
    b.i32Const(0).localGet(this.exitLink).i32Store(JIT_LINK_SITE);
    b.localGet(this.exitLink).if();
    b.localGet(this.exitPc).i32Const(this.entryPc | 0).op(Num.i32_xor).i32Const(0x1000).op(Num.i32_lt_u)
      .localGet(this.exitLink).i32Load(0).localGet(this.exitPc).op(Num.i32_eq).op(Num.i32_and);
    b.if().i32Const(0).localGet(this.exitLink).i32Load(4).i32Store(JIT_NEXT_REGION).end();
    b.end();
    b.i32Const(J_NEXT);
  }
}

/**
 * Emit one region; returns its function index, the rows left to the fallback, the links it
 * took from `allocLink`, and where it may be entered (its first instruction and its labels).
 * `insns` is non-empty.
 */
export function emitRegion(m: RegionModule, insns: readonly GuestInsn[], key: number, allocLink: () => number = () => 0):
  { fn: number; fallbackRows: string[]; links: number[]; entries: number[] } {
  const b = m.mb.beginFunction(m.regionType);
  const first = new RegionEmitter(b, m, insns, key);
  first.emitBody();
  b.begin(1); // the same function again, now that the registers and flags it uses are known
  const e = new RegionEmitter(b, m, insns, key, first.use, first.targets, allocLink);
  e.emitBody();
  const entries = [insns[0].pc, ...(first.use.dispatch ? first.targets : [])];
  return { fn: m.mb.endFunction(), fallbackRows: e.fallbackRows, links: e.links, entries };
}
