// Deterministic test cases for the Advanced SIMD "other" class (two-register misc, permutes,
// tables, float SIMD, estimates, conversions) and the element/structure loads and stores.
// other-qemu.gen.ts runs them under qemu-arm 7.2 (-cpu cortex-a15) and records the results;
// other.test.ts / ldst.test.ts replay them on armlet.
import { createHash } from "node:crypto";

export interface NeonCase {
  /** Instruction word (A32). */
  insn: number;
  /** Initial D0..D31. */
  d: bigint[];
  fpscr: number;
  /** Initial r0..r3; those with ptr[i] set are offsets into the 256-byte buffer. */
  r: number[];
  ptr: boolean[];
  /** Seed of the buffer's initial bytes. */
  mem: number;
  /** Label for messages. */
  what: string;
  /** Run with CPSR.E = 1 (big-endian data, SETEND BE). */
  be?: boolean;
  /** The buffer is the last 256 bytes of a page followed by an inaccessible page. */
  guard?: boolean;
}

export const BUF_SIZE = 256;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

export function memInit(seed: number): Uint8Array {
  const r = rng(seed * 7919 + 13);
  const b = new Uint8Array(BUF_SIZE);
  for (let i = 0; i < BUF_SIZE; i++) b[i] = r() & 0xff;
  return b;
}

export const F32_SPECIALS = [
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
  0x7f800001, 0xff800123, 0x7fa00000, 0x00000001, 0x807fffff, 0x00400000, 0x00800000, 0x80800000,
  0x7f7fffff, 0xff7fffff, 0x40000000, 0x3fc00000, 0x40400000, 0x4b000000, 0xcf000000, 0x4f000000,
  0x4f800000, 0xcf000001, 0x3effffff, 0x3f000000, 0x3f000001, 0xbf7fffff, 0x4effffff, 0x5f000000,
  0x1f800000, 0x00ffffff, 0x7e800000, 0x01000000,
];

const enc = {
  vd: (v: number) => (((v >> 4) & 1) << 22) | ((v & 15) << 12),
  vn: (v: number) => (((v >> 4) & 1) << 7) | ((v & 15) << 16),
  vm: (v: number) => (((v >> 4) & 1) << 5) | (v & 15),
};
export { enc };

const u = (x: number) => x >>> 0;

export function neonCases(): { cases: NeonCase[]; decode: number[] } {
  const cases: NeonCase[] = [];
  const r = rng(0x5eed);
  const rnd64 = () => (BigInt(r()) << 32n) | BigInt(r());
  const pick = <T>(a: T[]) => a[r() % a.length];
  const f32 = () => {
    const k = r() % 8;
    if (k < 3) return pick(F32_SPECIALS);
    if (k < 6) return u((r() & 0x80000000) | ((0x70 + (r() % 0x20)) << 23) | (r() & 0x7fffff)); // moderate range
    return r();
  };
  const fregs = () => Array.from({ length: 32 }, () => (BigInt(f32()) << 32n) | BigInt(f32()));
  const iregs = () => Array.from({ length: 32 }, () => {
    const k = r() % 6;
    if (k === 0) return 0x8000800080008000n * BigInt(r() & 1) | (r() & 2 ? 0x7f7f7f7f7f7f7f7fn : 0x80808080_80808080n);
    return rnd64();
  });
  const fpscrs = [0, 0x03c00000, 0x00000000, 0x0400009f, 0x08000000];
  const reg = (q: number) => { const v = r() % 32; return q && r() % 16 ? v & ~1 : v; };
  const add = (insn: number, what: string, float = false, extra: Partial<NeonCase> = {}) =>
    cases.push({ insn: u(insn), d: float ? fregs() : iregs(), fpscr: pick(fpscrs), r: [0, 0, 0, 0],
      ptr: [false, false, false, false], mem: 0, what, ...extra });

  // ---- two registers misc ----
  const misc: [string, number, number, boolean][] = [
    ["VREV64", 0, 0b0000, false], ["VREV32", 0, 0b0001, false], ["VREV16", 0, 0b0010, false],
    ["VPADDL.S", 0, 0b0100, false], ["VPADDL.U", 0, 0b0101, false], ["VCLS", 0, 0b1000, false],
    ["VCLZ", 0, 0b1001, false], ["VCNT", 0, 0b1010, false], ["VMVN", 0, 0b1011, false],
    ["VPADAL.S", 0, 0b1100, false], ["VPADAL.U", 0, 0b1101, false], ["VQABS", 0, 0b1110, false],
    ["VQNEG", 0, 0b1111, false],
    ["VCGT0", 1, 0b0000, false], ["VCGE0", 1, 0b0001, false], ["VCEQ0", 1, 0b0010, false],
    ["VCLE0", 1, 0b0011, false], ["VCLT0", 1, 0b0100, false], ["VABS", 1, 0b0110, false],
    ["VNEG", 1, 0b0111, false],
    ["VCGT0.F", 1, 0b1000, true], ["VCGE0.F", 1, 0b1001, true], ["VCEQ0.F", 1, 0b1010, true],
    ["VCLE0.F", 1, 0b1011, true], ["VCLT0.F", 1, 0b1100, true], ["VABS.F", 1, 0b1110, true],
    ["VNEG.F", 1, 0b1111, true],
    ["VSWP", 2, 0b0000, false], ["VTRN", 2, 0b0001, false], ["VUZP", 2, 0b0010, false],
    ["VZIP", 2, 0b0011, false], ["VMOVN/VQMOVUN", 2, 0b0100, false], ["VQMOVN", 2, 0b0101, false],
    ["VSHLL", 2, 0b0110, false], ["VCVT.F16.F32", 2, 0b1100, true], ["VCVT.F32.F16", 2, 0b1110, true],
    ["VRECPE.U32", 3, 0b1000, false], ["VRSQRTE.U32", 3, 0b1001, false],
    ["VRECPE.F32", 3, 0b1010, true], ["VRSQRTE.F32", 3, 0b1011, true],
    ["VCVT.F32.S32", 3, 0b1100, false], ["VCVT.F32.U32", 3, 0b1101, false],
    ["VCVT.S32.F32", 3, 0b1110, true], ["VCVT.U32.F32", 3, 0b1111, true],
  ];
  for (const [name, a, op, fl] of misc) {
    for (let size = 0; size < 4; size++) {
      for (let q = 0; q < 2; q++) {
        for (let k = 0; k < 3; k++) {
          const insn = 0xf3b00000 | (size << 18) | (a << 16) | (op << 7) | (q << 6) | enc.vd(reg(q)) | enc.vm(reg(q));
          add(insn, `${name}.${8 << size}${q ? " Q" : ""}`, fl);
        }
      }
    }
  }
  // estimate sweeps: Q-register forms over many inputs
  for (const [name, op, fl] of [["VRECPE.U32", 0b1000, false], ["VRSQRTE.U32", 0b1001, false],
    ["VRECPE.F32", 0b1010, true], ["VRSQRTE.F32", 0b1011, true]] as [string, number, boolean][]) {
    for (let k = 0; k < 48; k++) {
      const d = fl ? fregs() : iregs();
      if (!fl) for (let i = 0; i < 32; i++) d[i] = (BigInt(r() >>> (r() % 3)) << 32n) | BigInt(r() >>> (r() % 3));
      if (fl && k < 12) for (let i = 0; i < 32; i++) d[i] = (BigInt(F32_SPECIALS[(2 * i + k * 7) % F32_SPECIALS.length]) << 32n) | BigInt(F32_SPECIALS[(2 * i + 1 + k * 5) % F32_SPECIALS.length]);
      const insn = 0xf3b00000 | (2 << 18) | (3 << 16) | (op << 7) | (1 << 6) | enc.vd(2 * (r() % 16)) | enc.vm(2 * (r() % 16));
      cases.push({ insn: u(insn), d, fpscr: pick(fpscrs), r: [0, 0, 0, 0], ptr: [false, false, false, false], mem: 0, what: name + " sweep" });
    }
  }

  // ---- VEXT, VTBL/VTBX, VDUP ----
  for (let imm = 0; imm < 16; imm++) for (let q = 0; q < 2; q++) {
    add(0xf2b00000 | (imm << 8) | (q << 6) | enc.vd(reg(q)) | enc.vn(reg(q)) | enc.vm(reg(q)), `VEXT #${imm}${q ? " Q" : ""}`);
  }
  for (let len = 0; len < 4; len++) for (let op = 0; op < 2; op++) for (let k = 0; k < 4; k++) {
    const vn = k === 3 ? 32 - len - (r() % 2) : r() % 32;
    const d = iregs();
    const vm = r() % 32;
    d[vm] = BigInt.asUintN(64, [...Array(8)].reduce((acc: bigint, _, i) => acc | (BigInt(r() % 40) << BigInt(8 * i)), 0n));
    cases.push({ insn: u(0xf3b00800 | (len << 8) | (op << 6) | enc.vd(r() % 32) | enc.vn(vn & 31) | enc.vm(vm)), d,
      fpscr: 0, r: [0, 0, 0, 0], ptr: [false, false, false, false], mem: 0, what: `${op ? "VTBX" : "VTBL"} len ${len + 1}` });
  }
  for (let imm4 = 0; imm4 < 16; imm4++) for (let q = 0; q < 2; q++) {
    add(0xf3b00c00 | (imm4 << 16) | (q << 6) | enc.vd(reg(q)) | enc.vm(r() % 32), `VDUP scalar imm4 ${imm4}${q ? " Q" : ""}`);
  }

  // ---- float three-same ----
  const fp3: [string, number, number, number, number][] = [
    ["VFMA", 0, 0, 0b1100, 1], ["VFMS", 0, 1, 0b1100, 1], ["VADD", 0, 0, 0b1101, 0], ["VSUB", 0, 1, 0b1101, 0],
    ["VPADD", 1, 0, 0b1101, 0], ["VABD", 1, 1, 0b1101, 0], ["VMLA", 0, 0, 0b1101, 1], ["VMLS", 0, 1, 0b1101, 1],
    ["VMUL", 1, 0, 0b1101, 1], ["VCEQ", 0, 0, 0b1110, 0], ["VCGE", 1, 0, 0b1110, 0], ["VCGT", 1, 1, 0b1110, 0],
    ["VACGE", 1, 0, 0b1110, 1], ["VACGT", 1, 1, 0b1110, 1], ["VMAX", 0, 0, 0b1111, 0], ["VMIN", 0, 1, 0b1111, 0],
    ["VPMAX", 1, 0, 0b1111, 0], ["VPMIN", 1, 1, 0b1111, 0], ["VRECPS", 0, 0, 0b1111, 1], ["VRSQRTS", 0, 1, 0b1111, 1],
    ["VMAXNM(v8)", 1, 0, 0b1111, 1], ["VMINNM(v8)", 1, 1, 0b1111, 1],
  ];
  for (const [name, uu, op, opc, b4] of fp3) for (let sz = 0; sz < 2; sz++) for (let q = 0; q < 2; q++) {
    for (let k = 0; k < (sz ? 1 : 8); k++) {
      add(0xf2000000 | (uu << 24) | (op << 21) | (sz << 20) | (opc << 8) | (q << 6) | (b4 << 4) |
        enc.vd(reg(q)) | enc.vn(reg(q)) | enc.vm(reg(q)), `${name}.F${sz ? 16 : 32}${q ? " Q" : ""}`, true);
    }
  }
  // by scalar (float rows, and size 01 = f16: UNDEFINED on the A15)
  for (const [name, opc] of [["VMLA.F32 scalar", 0b0001], ["VMLS.F32 scalar", 0b0101], ["VMUL.F32 scalar", 0b1001]] as [string, number][]) {
    for (let size = 1; size < 3; size++) for (let q = 0; q < 2; q++) for (let k = 0; k < 5; k++) {
      add(0xf2800040 | (q << 24) | (size << 20) | (opc << 8) | enc.vd(reg(q)) | enc.vn(reg(q)) | ((r() & 1) << 5) | (r() % 16),
        `${name} sz${size}${q ? " Q" : ""}`, true);
    }
  }
  // VCVT fixed <-> float
  for (let uu = 0; uu < 2; uu++) for (let op = 0; op < 2; op++) for (let q = 0; q < 2; q++) for (let k = 0; k < 6; k++) {
    const imm6 = 32 + (r() % 32);
    add(0xf2800010 | (uu << 24) | (imm6 << 16) | (0b111 << 9) | (op << 8) | (q << 6) | enc.vd(reg(q)) | enc.vm(reg(q)),
      `VCVT fixed ${op ? "F->" : "->F"}${uu ? "U" : "S"} #${64 - imm6}${q ? " Q" : ""}`, op === 1 || k % 2 === 0);
  }

  // ---- loads and stores ----
  const ldstExtra = (off: number, rmv: number): Partial<NeonCase> => ({
    r: [off, 0, 0, rmv], ptr: [true, false, false, false], mem: r() & 0xffff,
  });
  const offs = [64, 65, 66, 68, 72, 80, 96, 67, 70, 76, 88, 112];
  const rms = [15, 13, 3];
  const itypeRegs = [4, 4, 4, 4, 3, 3, 3, 1, 2, 2, 2];
  for (let l = 0; l < 2; l++) for (let itype = 0; itype < 16; itype++) for (let size = 0; size < 4; size++) {
    for (let align = 0; align < 4; align++) {
      for (let k = 0; k < 2; k++) {
        const span = itype <= 10 ? [4, 7, 4, 4, 3, 5, 3, 1, 2, 3, 2][itype] : 1;
        const vd = r() % (33 - span);
        const rm = pick(rms);
        const insn = 0xf4000000 | (l << 21) | (0 << 16) | (itype << 8) | (size << 6) | (align << 4) | rm | enc.vd(vd);
        add(insn, `${l ? "VLD" : "VST"} multiple type ${itype} size ${size} align ${align} rm ${rm}`, false,
          ldstExtra(pick(offs), (r() % 64) - 16));
      }
    }
    void itypeRegs;
  }
  for (let n = 0; n < 4; n++) for (let size = 0; size < 4; size++) for (let t = 0; t < 2; t++) for (let a = 0; a < 2; a++) {
    for (let k = 0; k < 2; k++) {
      const vd = r() % (32 - (n + 1) * (t + 1) + 1);
      const rm = pick(rms);
      add(0xf4a00c00 | (n << 8) | (size << 6) | (t << 5) | (a << 4) | rm | enc.vd(vd),
        `VLD${n + 1} all lanes size ${size} T ${t} a ${a} rm ${rm}`, false, ldstExtra(pick(offs), (r() % 64) - 16));
    }
  }
  for (let l = 0; l < 2; l++) for (let size = 0; size < 3; size++) for (let n = 0; n < 4; n++) for (let ia = 0; ia < 16; ia++) {
    const vd = r() % 32;
    const rm = pick(rms);
    add(0xf4800000 | (l << 21) | (size << 10) | (n << 8) | (ia << 4) | rm | enc.vd(vd),
      `${l ? "VLD" : "VST"}${n + 1} single size ${size} index_align ${ia} rm ${rm}`, false, ldstExtra(pick(offs), (r() % 64) - 16));
  }

  // register lists running past D31 (UNPREDICTABLE): loads only, D0..D31 compared
  for (let k = 0; k < 24; k++) {
    const rm = pick(rms);
    const insn = k % 2 === 0
      ? 0xf4200000 | ((r() % 11) << 8) | ((r() % 3) << 6) | rm | enc.vd(26 + (r() % 6))
      : 0xf4a00c00 | ((r() % 4) << 8) | ((r() % 3) << 6) | ((r() & 1) << 5) | rm | enc.vd(27 + (r() % 5));
    add(insn, `VLD${k % 2 ? "n all lanes" : " multiple"} past D31 ${u(insn).toString(16)}`, false, ldstExtra(pick(offs), (r() % 64) - 16));
  }

  // big-endian data (CPSR.E = 1): element byte order within each element
  for (let k = 0; k < 120; k++) {
    const kind = k % 3;
    const rm = pick(rms);
    let insn: number;
    if (kind === 0) {
      const itype = r() % 11, size = r() % 4, span = [4, 7, 4, 4, 3, 5, 3, 1, 2, 3, 2][itype];
      insn = 0xf4000000 | ((r() & 1) << 21) | (itype << 8) | (size << 6) | rm | enc.vd(r() % (33 - span));
    } else if (kind === 1) {
      insn = 0xf4800000 | ((r() & 1) << 21) | ((r() % 3) << 10) | ((r() % 4) << 8) | ((r() % 16) << 4) | rm | enc.vd(r() % 32);
    } else {
      insn = 0xf4a00c00 | ((r() % 4) << 8) | ((r() % 3) << 6) | ((r() & 1) << 5) | rm | enc.vd(r() % 24);
    }
    add(insn, `BE ${["multiple", "single", "all lanes"][kind]} ${u(insn).toString(16)}`, false, { ...ldstExtra(pick(offs), (r() % 64) - 16), be: true });
  }

  // data aborts part-way: transfers running from the buffer into an inaccessible page
  const guardOffs = [256 - 4, 256 - 8, 256 - 12, 256 - 16, 256 - 24, 256 - 3, 256 - 6, 256 - 1, 256 - 32, 256 - 2, 256];
  for (let k = 0; k < 160; k++) {
    const kind = k % 4;
    const rm = pick(rms);
    let insn: number;
    if (kind <= 1) {
      const itype = r() % 11, size = r() % 4, span = [4, 7, 4, 4, 3, 5, 3, 1, 2, 3, 2][itype];
      insn = 0xf4000000 | ((kind & 1) << 21) | (itype << 8) | (size << 6) | rm | enc.vd(r() % (33 - span));
    } else if (kind === 2) {
      insn = 0xf4800000 | ((r() & 1) << 21) | ((r() % 3) << 10) | ((r() % 4) << 8) | ((r() % 16) << 4) | rm | enc.vd(r() % 32);
    } else {
      insn = 0xf4a00c00 | ((r() % 4) << 8) | ((r() % 3) << 6) | ((r() & 1) << 5) | rm | enc.vd(r() % 24);
    }
    add(insn, `guard ${["VST multiple", "VLD multiple", "single", "all lanes"][kind]} ${u(insn).toString(16)}`, false,
      { ...ldstExtra(pick(guardOffs), (r() % 64) - 16), guard: true });
  }

  // ---- decode samples: random words in the spaces this class covers (UNDEFINED or not) ----
  const decode: number[] = [];
  for (let k = 0; k < 1500; k++) {
    const w = r();
    const kind = k % 5;
    if (kind === 0) decode.push(u(0xf3b00000 | (w & 0x004fffef)));          // two-register misc, VTBL, VDUP
    else if (kind === 1) decode.push(u(0xf2000c00 | (w & 0x017f03ff)));     // float three-same
    else if (kind === 2) decode.push(u(0xf2800e10 | (w & 0x017ff1ff))); // shift space, opc 111x (VCVT fixed)
    else if (kind === 3) decode.push(u(0xf4000000 | (w & 0x00e0fff0) | pick(rms))); // loads/stores, Rn = r0..
    else decode.push(u(0xf2800040 | (w & 0x017ff0af) | (pick([1, 5, 9]) << 8))); // float by scalar
  }
  // keep Rn of load/store samples on r0 (the buffer)
  for (let i = 0; i < decode.length; i++) if ((decode[i] & 0xff000000) === 0xf4000000) decode[i] = u(decode[i] & ~0x000f0000);
  return { cases, decode };
}

export function casesHash(cases: NeonCase[], decode: number[]): string {
  const h = createHash("sha256");
  for (const c of cases) h.update(`${c.insn},${c.d.join(",")},${c.fpscr},${c.r.join(",")},${c.ptr.join(",")},${c.mem}${c.be ? ",be" : ""}${c.guard ? ",guard" : ""};`);
  h.update(decode.join(","));
  return h.digest("hex").slice(0, 16);
}
