// Inline wasm for the A64 GPR loads and stores (jit/emit-a64.ts picks the rows): single
// registers in every addressing form (unsigned offset, unscaled, pre-/post-indexed, register
// offset) and pairs (LDP/STP/LDPSW). The software-TLB probe of core/mmu/tlb64.ts is inline: a hit
// with the address aligned to the access does the access, anything else (a miss, a misaligned
// address, MMIO, a fault) runs the row's interpreter handler through the fallback. Semantics
// mirror core/exec/a64 (load-store.ts, load-store-pair.ts, addressing.ts).
import { Num } from "./wasm/opcodes.js";
import { TLB64_BASE } from "../core/state/layout.js";
import type { GuestInsn } from "./region-finder.js";
import { bits, sext, rd, rn, rm, type E } from "./emit-a64-alu.js";

/**
 * The TLB entry of the local i64 `va` for a load or a store into i32 local `ent`, then push
 * whether it hits with va aligned to `align` bytes (the tag is a page address: comparing it with
 * va's low alignment bits kept proves both).
 */
function probe(e: E, load: boolean, va: number, ent: number, align: number): void {
  const b = e.b, table = (e.key & 1 ? 3 : 0) + (load ? 0 : 1);
  b.localGet(va).i64Const(12).op(Num.i64_shr_u).op(Num.i32_wrap_i64).i32Const(1023).op(Num.i32_and).i32Const(table << 10).op(Num.i32_or)
    .i32Const(4).op(Num.i32_shl).i32Const(TLB64_BASE).op(Num.i32_add).localSet(ent);
  b.localGet(ent).i64Load(0).localGet(va).i64Const(-4096 | (align - 1)).op(Num.i64_and).op(Num.i64_eq);
}

/** Push the host address of local `va` through the TLB entry in local `ent`. */
function host(e: E, va: number, ent: number): void {
  e.b.localGet(va).localGet(ent).i64Load(8).op(Num.i64_add).op(Num.i32_wrap_i64);
}

/**
 * The GPR single loads and stores (load-store.ts, addressing.ts transfer): the address into
 * u[1] (the writeback value into u[2]); a TLB hit with the address aligned to the access size
 * does the access, then Rt, then the base writeback; anything else is the fallback.
 */
export function emitLoadStore(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, name = insn.name;
  const size = w >>> 30, opc = bits(w, 23, 22), load = opc !== 0, bytes = 1 << size;
  const n = rn(w), t = rd(w);
  const [, va, wb, tv] = e.u;
  const [tent, th] = e.t;
  const unscaled = /^(LDUR|STUR)/.test(name);
  const mode = unscaled ? "unscaled" : name.slice(name.lastIndexOf("_") + 1);
  const simm = BigInt(sext(bits(w, 20, 12), 9));
  e.getXSP(n);
  if (mode === "post") b.localTee(va).i64Const(simm).op(Num.i64_add).localSet(wb);
  else if (mode === "pre" || mode === "unscaled") {
    b.i64Const(simm).op(Num.i64_add).localTee(va);
    if (mode === "pre") b.localSet(wb); else b.drop();
  } else if (mode === "imm") {
    b.i64Const(bits(w, 21, 10) * bytes).op(Num.i64_add).localSet(va);
  } else { // register offset
    const option = bits(w, 15, 13);
    e.getX(rm(w));
    if ((option & 1) === 0) b.op(Num.i32_wrap_i64).op(option & 4 ? Num.i64_extend_i32_s : Num.i64_extend_i32_u);
    if (bits(w, 12, 12) && size) b.i64Const(size).op(Num.i64_shl);
    b.op(Num.i64_add).localSet(va);
  }
  probe(e, load, va, tent, bytes);
  b.if();
  host(e, va, tent); b.localSet(th);
  if (load) {
    b.localGet(th);
    const signed = opc >= 2 && size < 3;
    if (size === 3) b.i64Load(0, 0);
    else if (size === 2) { if (signed) b.i64Load32S(0, 0); else b.i64Load32U(0, 0); }
    else if (size === 1) { if (signed) b.i64Load16S(0, 0); else b.i64Load16U(0, 0); }
    else if (signed) b.i64Load8S(0); else b.i64Load8U(0);
    if (signed && opc === 3) b.i64Const(0xffffffff).op(Num.i64_and);
    b.localSet(tv);
    b.localGet(tv); e.setX(t);
  } else {
    b.localGet(th); e.getX(t);
    if (size === 3) b.i64Store(0, 0); else if (size === 2) b.i64Store32(0, 0); else if (size === 1) b.i64Store16(0, 0); else b.i64Store8(0);
  }
  if (mode === "post" || mode === "pre") { b.localGet(wb); e.setXSP(n); }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/**
 * LDP/STP/LDPSW of X or W registers (load-store-pair.ts gprPair): when both elements are in one
 * page, aligned, and the TLB hits, the accesses are inline (loads write Rt2 then Rt, the base
 * writeback last; stores store the old values); anything else is the fallback.
 */
export function emitPair(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, load = bits(w, 22, 22) === 1, index = bits(w, 24, 23);
  const log2 = 2 + (w >>> 31), bytes = 1 << log2, signed = bits(w, 30, 30) === 1;
  const n = rn(w), t = rd(w), t2 = bits(w, 14, 10);
  const off = BigInt(sext(bits(w, 21, 15), 7) * bytes);
  const [, va, wb, v1] = e.u;
  const [tent, th] = e.t;
  e.getXSP(n);
  if (index === 1) b.localTee(va).i64Const(off).op(Num.i64_add).localSet(wb);
  else b.i64Const(off).op(Num.i64_add).localTee(va).localSet(wb);
  probe(e, load, va, tent, bytes);
  b.localGet(va).op(Num.i32_wrap_i64).i32Const(0xfff).op(Num.i32_and).i32Const(0x1000 - 2 * bytes).op(Num.i32_le_u).op(Num.i32_and); // both in the page
  b.if();
  host(e, va, tent); b.localSet(th);
  const elem = (k: number) => {
    b.localGet(th);
    if (log2 === 3) b.i64Load(8 * k, 0); else if (signed) b.i64Load32S(4 * k, 0); else b.i64Load32U(4 * k, 0);
  };
  if (load) {
    elem(0); b.localSet(v1);
    elem(1); e.setX(t2);
    b.localGet(v1); e.setX(t);
  } else {
    b.localGet(th); e.getX(t); if (log2 === 3) b.i64Store(0, 0); else b.i64Store32(0, 0);
    b.localGet(th); e.getX(t2); if (log2 === 3) b.i64Store(bytes, 0); else b.i64Store32(bytes, 0);
  }
  if (index & 1) { b.localGet(wb); e.setXSP(n); }
  b.else();
  e.fallback(insn, 1);
  b.end();
}
