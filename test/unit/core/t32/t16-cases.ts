// Thumb snippets (16-bit instructions and IT blocks) with inputs, replayed on armlet against
// what qemu-arm 7.2 computed (t16-qemu-vectors.json, made by t16-qemu-vectors.gen.ts).
// A snippet runs with r0..r11 and APSR from `in`; the result is r0..r11 and APSR after it.
// Snippets must not depend on addresses (no PC/SP/LR values in results, no memory but a
// balanced PUSH/POP) and must end outside any IT block.

export interface T16Case { asm: string; in: number[] } // in: r0..r11, apsr

const EDGE = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0x12345678];
const SHIFTS = [0, 1, 2, 7, 31, 32, 33, 0xff, 0x100, 0x101];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

export function t16Cases(): T16Case[] {
  const next = rng(0x7516);
  const cases: T16Case[] = [];
  const pick = (a: number[]) => a[next() % a.length];
  const val = () => (next() % 3 == 0 ? pick(EDGE) : next());
  const flags = () => (next() & 0xf) << 28;
  const regs = (over: Record<number, number> = {}) => {
    const r = Array.from({ length: 12 }, () => val());
    for (const [k, v] of Object.entries(over)) r[Number(k)] = v >>> 0;
    return r;
  };
  const add = (asm: string, n: number, over: () => Record<number, number> = () => ({})) => {
    for (let i = 0; i < n; i++) cases.push({ asm, in: [...regs(over()), flags()] });
  };

  // shift (immediate), add/subtract, move/compare immediate
  for (const s of ["lsls r0, r1, #5", "lsls r0, r1, #0", "lsls r3, r3, #31", "lsrs r0, r1, #1", "lsrs r0, r1, #32",
    "lsrs r2, r5, #17", "asrs r0, r1, #32", "asrs r2, r3, #7", "asrs r4, r4, #1",
    "adds r0, r1, r2", "subs r0, r1, r2", "adds r7, r7, r7", "subs r6, r6, r6", "adds r0, r1, #7", "subs r0, r1, #3",
    "subs r5, r5, #0", "movs r0, #200", "movs r6, #0", "cmp r0, #17", "cmp r3, #0", "adds r3, #255", "subs r3, #1"]) add(s, 6);
  // data processing, two low registers
  for (const s of ["ands r0, r1", "eors r0, r1", "adcs r0, r1", "sbcs r0, r1", "tst r0, r1", "rsbs r0, r1, #0",
    "cmp r0, r1", "cmn r0, r1", "orrs r0, r1", "muls r0, r1, r0", "bics r0, r1", "mvns r0, r1", "adcs r2, r2", "sbcs r4, r4"]) add(s, 6);
  for (const s of ["lsls r0, r1", "lsrs r0, r1", "asrs r0, r1", "rors r0, r1"]) add(s, 10, () => ({ 1: pick(SHIFTS) }));
  // high registers
  for (const s of ["add r8, r1", "add r1, r8", "add r10, r11", "cmp r8, r1", "cmp r1, r9", "cmp r10, r11", "mov r9, r2",
    "mov r2, r10", "mov r11, r8"]) add(s, 5);
  // extend and reverse
  for (const s of ["sxth r0, r1", "sxtb r0, r1", "uxth r0, r1", "uxtb r7, r7", "rev r0, r1", "rev16 r2, r3", "revsh r4, r5"]) add(s, 5);
  // branches (forward, inside the snippet)
  for (const c of ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]) {
    add(`b${c} 1f\n movs r2, #1\n 1: movs r3, #2`, 3);
  }
  add("b 1f\n movs r2, #1\n 1: movs r3, #2", 2);
  add("cbz r0, 1f\n movs r2, #1\n 1: movs r3, #2", 3, () => ({ 0: next() & 1 }));
  add("cbnz r0, 1f\n movs r2, #1\n 1: movs r3, #2", 3, () => ({ 0: next() & 1 }));
  add("cbz r7, 1f\n nop\n nop\n nop\n nop\n movs r2, #1\n 1: movs r3, #2", 2, () => ({ 7: next() & 1 }));
  // push/pop, balanced
  add("push {r0, r1, r5}\n pop {r2, r3, r4}", 2);
  add("push {r0-r7}\n movs r0, #0\n pop {r1-r7}\n pop {r0}", 2);

  // IT blocks: every mask (length 1..4) under several conditions; inside, 16-bit forms do not
  // set flags (MOV, ADD, LSL...), CMP does and changes the later conditions.
  const conds = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"];
  const inv: Record<string, string> = { eq: "ne", ne: "eq", cs: "cc", cc: "cs", mi: "pl", pl: "mi", vs: "vc", vc: "vs",
    hi: "ls", ls: "hi", ge: "lt", lt: "ge", gt: "le", le: "gt" };
  const masks = ["", "t", "e", "tt", "te", "et", "ee", "ttt", "tte", "tet", "tee", "ett", "ete", "eet", "eee"];
  for (const m of masks) {
    for (let k = 0; k < 3; k++) {
      const c = pick(conds);
      const lines = [`it${m} ${c}`];
      const slots = ["t", ...m];
      slots.forEach((x, i) => {
        const cc = x == "t" ? c : inv[c];
        const body = [`mov${cc} r${i + 2}, #${0x10 + i}`, `add${cc} r${i + 2}, #${0x20 + i}`, `lsl${cc} r${i + 2}, r${i + 2}, #1`,
          `eor${cc} r${i + 2}, r1`, `mvn${cc} r${i + 2}, r0`][(k + i) % 5];
        lines.push(body);
      });
      lines.push("movs r0, r0"); // after the block: sets flags again
      add(lines.join("\n "), 3);
    }
  }
  // a flag-setting compare inside the block changes the conditions that follow
  add("itt eq\n cmpeq r0, r1\n moveq r2, #1\n movs r3, #2", 8, () => ({ 1: next() & 1 ? 0 : 5, 0: 0 }));
  add("ittet ne\n cmpne r0, #3\n addne r2, #1\n addeq r3, #1\n cmnne r0, r1", 8, () => ({ 0: next() % 5 }));
  add("ite cs\n movcs r2, #1\n movcc r2, #2\n adds r2, #0", 4);
  add(".inst.n 0xbfe8\n .inst.n 0x2209\n adds r3, r2, #1", 2); // it al; mov r2, #9 (no flags inside the block)
  add("itt gt\n movgt r2, r0\n addgt r2, r1\n cmp r2, #0", 4);
  // 16-bit forms that always set flags, inside a block
  add("itete mi\n tstmi r0, r1\n cmnpl r0, r1\n cmpmi r1, #1\n tstpl r1, r1", 8);
  // CBZ after an IT block, shifts by register inside one
  add("ite ne\n lslne r0, r1\n lsreq r0, r1\n cbz r0, 1f\n movs r2, #1\n 1: nop", 6, () => ({ 1: pick(SHIFTS) }));
  return cases;
}

/** A short hash of the cases, so the test notices when the JSON is stale. */
export function casesHash(cases: T16Case[]): string {
  let h = 0x811c9dc5;
  for (const c of cases) for (const ch of c.asm + c.in.join(",")) { h ^= ch.charCodeAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16);
}
