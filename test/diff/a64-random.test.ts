// A64 differential test: seeded random A64 instruction sequences drawn from the core's A64
// decode table, with random X registers, SPs, NZCV/DAIF, FPCR/FPSR and V registers, run
// bare-metal (EL1h, EL1t and EL0t, MMU off) under qemu-system-aarch64 -M virt -cpu cortex-a57
// and under armlet; the exception that ends each case (vector, ESR, ELR, FAR for aborts),
// X0-X30, both SPs, SPSR, FPCR, FPSR, V0-V31 and the memory window must agree. CI runs
// 6 boots of 500 cases x 20 instructions: three integer boots (one with SCTLR_EL1.A set) and
// three FP/SIMD boots (one with SCTLR_EL1.A), half of them with the JIT translating every case;
// ARMLET_LONG=1 runs ten times as many.
// The harness and the generator's constraints are also checked against QEMU alone, drawing
// from the whole A64 encoding space (a64-space.ts) rather than from the rows the core has, with
// the harness checking after every case that nothing outside the memory window was written.
// Reproduce one seed by hand: npx tsx test/diff/a64-cli.ts --seed N [--fp] [--align] [--show 10]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { lacks, lacksCommand } from "../helpers/requirements.js";
import { A64Generator, OBJDUMP64 } from "./a64-generator.js";
import { bootLabel, makeA64Boot, runA64Boot, type A64BootPlan } from "./a64-diff.js";
import { A64_HARNESS_BIN, buildA64Image, HDR_ADDR, WINDOW_ADDR, WINDOW_BYTES, type A64Case } from "./a64-program.js";
import { isFpWord, movImm, SVC_END } from "./a64-encoding.js";
import { compareA64Runs, kindTable, reachedInsns } from "./a64-report.js";
import { haveQemu64, runQemu64, type A64RunOutput } from "./a64-run.js";
import { Rng } from "./rng.js";

const LONG = process.env.ARMLET_LONG === "1";
const CASES = 500;
const INSNS = 20;
const SHOW = 6;
const KINDS: Omit<A64BootPlan, "seed" | "cases">[] = [
  {}, { alignCheck: true }, {}, { fp: true }, { fp: true }, { fp: true, alignCheck: true },
];
const PLANS: A64BootPlan[] = Array.from({ length: LONG ? 60 : 6 }, (_, k) => ({
  seed: (LONG ? 0xa64_1000 : 0xa64_0001) + k, cases: CASES, insnsPerCase: INSNS, ...KINDS[k % KINDS.length],
}));
const qemu = haveQemu64();
// The generator redraws words binutils cannot decode: every test that generates cases needs it.
const noObjdump = lacksCommand(OBJDUMP64, "Debian package binutils-aarch64-linux-gnu");
const tally = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");

describe.skipIf(noObjdump)("A64 differential generator", () => {
  it("draws every row of the core's A64 table that is not excluded", () => {
    // Integer boots draw the integer rows, FP boots mostly the FP/SIMD ones: both together.
    const gen = new A64Generator(new Rng(0xc0ffee));
    const fp = new A64Generator(new Rng(0xc0ffef), { fp: true });
    gen.testCases(300);
    fp.testCases(300);
    const missing = gen.testable.map((r) => r.row.name).filter((n) => !gen.counts.has(n) && !fp.counts.has(n));
    const classes = new Map(gen.classCounts);
    for (const [c, n] of fp.classCounts) classes.set(c, (classes.get(c) ?? 0) + n);
    console.log(`generator: ${gen.testable.length} A64 rows testable, ${gen.excluded.size} excluded; per class: ${tally(classes)}`);
    console.log("excluded:\n" + [...gen.excluded].map(([n, why]) => `  ${n}: ${why}`).join("\n"));
    expect(missing).toEqual([]);
    // A row refused only because the generator cannot build it is a generator bug.
    expect([...gen.excluded].filter(([, why]) => /re-decodes|conflicts|unknown class/.test(why))).toEqual([]);
    expect(gen.testable.length).toBeGreaterThan(10);
  });

  it("covers every encoding class of the A64 space, FP boots mostly FP/SIMD", () => {
    const int = new A64Generator(new Rng(1), { space: true });
    const fp = new A64Generator(new Rng(2), { space: true, fp: true });
    int.testCases(200);
    fp.testCases(200);
    for (const cls of ["dp_imm", "dp_reg", "b_imm", "b_cond", "cb", "tb", "branch_reg", "hint", "barrier",
      "pstate", "sys", "sysreg", "exclusive", "literal", "pair", "uimm", "unscaled", "imm_pre", "imm_post", "unpriv", "regoff"]) {
      expect(int.encCounts.get(cls) ?? 0, cls).toBeGreaterThan(20);
    }
    expect(int.encCounts.get("exception") ?? 0).toBeGreaterThan(3); // rare on purpose: it ends the case
    expect(fp.encCounts.get("fp_simd") ?? 0).toBeGreaterThan(200);
    expect(fp.encCounts.get("simd_struct") ?? 0).toBeGreaterThan(200);
    expect(int.fpInsns).toBe(0);
    const share = fp.fpInsns / (fp.fpInsns + fp.intInsns);
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.95);
  });

  it("sends branches forward inside their case and sets up register branch targets", () => {
    const gen = new A64Generator(new Rng(7), { space: true });
    let branches = 0;
    for (const c of gen.testCases(100)) {
      const end = c.insns.length - 1;
      c.insns.forEach((ins, k) => {
        const f = ins.fix;
        if (!f || f.kind === "lit") return;
        expect(f.to).toBeGreaterThan(k);
        expect(f.to).toBeLessThanOrEqual(end);
        // A target is never inside a set-up sequence: the instruction before it is no set-up.
        expect(c.insns[f.to - 1].row).not.toBe("setup");
        if (f.kind === "lo16") expect(c.insns[k + 1].fix).toEqual({ kind: "hi16", to: f.to });
        if (f.kind.startsWith("b")) branches++;
      });
    }
    expect(branches).toBeGreaterThan(100);
  });

  it("is deterministic for a seed", () => {
    const a = makeA64Boot({ seed: 42, cases: 20, insnsPerCase: INSNS, fp: true });
    const b = makeA64Boot({ seed: 42, cases: 20, insnsPerCase: INSNS, fp: true });
    expect(Buffer.from(a.image.elf).equals(Buffer.from(b.image.elf))).toBe(true);
  });
});

describe.skipIf(lacks("qemu-system-aarch64", qemu) || noObjdump)("A64 differential harness under QEMU", () => {
  const kinds: [string, Omit<A64BootPlan, "seed" | "cases">][] = [
    ["integer", {}], ["FP/SIMD", { fp: true }], ["integer, SCTLR.A", { alignCheck: true }], ["integer, EL0", { modes: ["EL0t"] }],
  ];
  it.each(kinds)("runs every case of the whole encoding space and its output parses (%s)", async (_, kind) => {
    const b = makeA64Boot({ seed: 0xa64_5000, cases: CASES, insnsPerCase: INSNS, space: true, check: true, ...kind });
    const r = await runQemu64(b.image.elf);
    expect(r.fault).toBeUndefined();
    expect(r.reason).toBe("exit");
    expect(r.announced).toBe(CASES);
    expect(r.finished).toBe(true);
    expect(r.results.size).toBe(CASES);
    const ends = new Map<string, number>();
    for (const x of r.results.values()) { const k = `EC 0x${(x.esr >>> 26).toString(16)}`; ends.set(k, (ends.get(k) ?? 0) + 1); }
    console.log(`QEMU (${bootLabel(b.plan)}): ${tally(ends)}; per class: ${tally(b.gen.encCounts)}`);
    // A good share of the cases run to their final SVC; the rest end in UNDEF, traps and aborts.
    expect(ends.get("EC 0x15") ?? 0).toBeGreaterThan(CASES * (kind.modes ? 0.05 : kind.alignCheck ? 0.2 : 0.35));
    // The SVC that ends a case is taken from where the case runs: EL0 to the lower-EL vector.
    for (const x of r.results.values()) {
      if (x.esr >>> 26 !== 0x15) continue;
      const el0 = (b.cases[x.index].spsr & 0xf) === 0;
      expect(el0 ? [8] : [0, 4]).toContain(x.vector);
      if (kind.fp) expect(x.v).toBeDefined();
    }
    if (kind.fp) expect([...r.results.values()].some((x) => (x.v?.size ?? 0) > 0)).toBe(true);
    expect([...r.results.values()].some((x) => x.mem.size > 0)).toBe(true);

    // The comparison is not blind: a changed register, flag, V register or memory word is
    // reported with the case's encodings, inputs and both results.
    const twin = (f: (x: A64RunOutput) => void): A64RunOutput => {
      const copy: A64RunOutput = {
        ...r, results: new Map([...r.results].map(([i, x]) => [i, { ...x, x: [...x.x], mem: new Map(x.mem), v: x.v && new Map(x.v) }])),
      };
      f(copy);
      return copy;
    };
    expect(compareA64Runs(b.cases, b.image, r, twin(() => {}), (i) => `case ${i}`).mismatches).toEqual([]);
    const k = [...r.results.values()].find((x) => x.esr >>> 26 === 0x15 && b.cases[x.index].insns.length > 5)!.index;
    for (const mutate of [
      (x: A64RunOutput) => { x.results.get(k)!.x[3] ^= 1n; },
      (x: A64RunOutput) => { x.results.get(k)!.spsr ^= 0x20000000; },
      (x: A64RunOutput) => { x.results.get(k)!.mem.set(0x40, 0x1234); },
      (x: A64RunOutput) => { x.results.get(k)!.esr = 0; },
      ...(kind.fp ? [(x: A64RunOutput) => { x.results.get(k)!.v!.set(31, "0".repeat(31) + "1"); }] : []),
    ]) {
      const cmp = compareA64Runs(b.cases, b.image, r, twin(mutate), (i) => `case ${i}`);
      expect(cmp.mismatches.map((m) => m.index)).toEqual([k]);
      const text = cmp.mismatches[0].text;
      const ins = b.cases[k].insns.find((i) => i.set !== "" && !i.fix)!;
      expect(text).toContain(ins.word.toString(16).padStart(8, "0"));
      expect(text).toContain(ins.row);
      expect(text).toMatch(/QEMU:[\s\S]*armlet:/);
    }
  }, 60_000);
});

describe.skipIf(lacks("qemu-system-aarch64", qemu))("A64 differential harness integrity check", () => {
  // A hand-made case that stores to `addr`: the harness must stop with CORRUPT after it.
  const storeTo = (addr: bigint): A64Case => ({
    x: Array(31).fill(0n), sp0: 0n, sp1: BigInt(WINDOW_ADDR + 4096), spsr: 0x3c5, fpcr: 0, fpsr: 0,
    insns: [...movImm(1, addr), 0xf9000021 /* str x1, [x1] */, SVC_END].map((word) => ({ word, row: "t", set: "t", cls: "" })),
  });
  it.each([
    ["the window", BigInt(WINDOW_ADDR + 64), false],
    ["the case table", BigInt(HDR_ADDR + 0x48), true],
    ["the RAM below the window", BigInt(WINDOW_ADDR - 0x800), true],
    ["the RAM above the window", BigInt(WINDOW_ADDR + WINDOW_BYTES + 0x100), true],
  ])("notices a store to %s", async (_, addr, corrupt) => {
    const cases = [storeTo(addr), storeTo(BigInt(WINDOW_ADDR))];
    const r = await runQemu64(buildA64Image(cases, 0x1234, { check: true }).elf);
    if (corrupt) {
      expect(r.fault).toBe("CORRUPT 00000000");
      expect(r.results.size).toBe(1);
    } else {
      expect(r.fault).toBeUndefined();
      expect(r.results.get(0)!.mem.get(64)).toBe(Number(addr & 0xffffffffn));
      expect(r.finished).toBe(true);
    }
  });
});

describe.skipIf(lacksCommand("aarch64-linux-gnu-gcc"))("A64 differential harness binary", () => {
  it("roms/bin/diff-harness-a64.bin is built from roms/src/diff-harness-a64.S", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "armlet-harness-"));
    try {
      const out = path.join(dir, "h.bin");
      const r = spawnSync("sh", [path.resolve(path.dirname(A64_HARNESS_BIN), "../../test/diff/build-harness-a64.sh"), out], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(fs.readFileSync(out).equals(fs.readFileSync(A64_HARNESS_BIN))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(lacks("qemu-system-aarch64", qemu) || noObjdump)("A64 differential: armlet vs QEMU", () => {
  it(`agrees on ${PLANS.length} x ${CASES} cases x ${INSNS} instructions`, async () => {
    let intInsns = 0, fpInsns = 0, compared = 0, reachedInt = 0, reachedFp = 0;
    const failures: string[] = [];
    const texts: string[] = [];
    const perRow = new Map<string, number>();
    const perClass = new Map<string, number>();
    for (const [k, plan] of PLANS.entries()) {
      const b = makeA64Boot(plan);
      intInsns += b.gen.intInsns;
      fpInsns += b.gen.fpInsns;
      for (const [c, n] of b.gen.classCounts) perClass.set(c, (perClass.get(c) ?? 0) + n);
      let r;
      try {
        // Half the boots (an integer one, the SCTLR_EL1.A one, an FP one) run each case translated
        // by the JIT (eager: before a block first runs).
        r = await runA64Boot(b, { armlet: true, jit: [0, 1, 3].includes(k % KINDS.length) ? "eager" : "off" });
      } catch (e) {
        failures.push(`${bootLabel(plan)}: armlet could not run the image: ${(e as Error).message}`);
        continue;
      }
      const cmp = r.cmp!;
      compared += cmp.compared;
      const reached = reachedInsns(b.cases, r.qemu, isFpWord);
      reachedInt += reached.int;
      reachedFp += reached.fp;
      failures.push(...cmp.problems.map((p) => `${bootLabel(plan)}: ${p}`));
      for (const m of cmp.mismatches) {
        for (const row of m.rows) perRow.set(row, (perRow.get(row) ?? 0) + 1);
        failures.push(m.text);
        texts.push(m.text);
      }
    }
    console.log(`A64 differential: ${intInsns} integer/memory + ${fpInsns} FP/SIMD instructions in ${compared} cases compared ` +
      `(${reachedInt} + ${reachedFp} before the end of their case under QEMU); per class: ${tally(perClass)}`);
    if (failures.length) {
      console.log(failures.slice(0, SHOW).join("\n"));
      console.log(`${failures.length} failures (first ${SHOW} shown); rows in mismatching cases: ${tally(perRow)}`);
      if (texts.length) console.log(["mismatches by what differs:", ...kindTable(texts)].join("\n"));
    }
    // Coverage (issue 11): the core's table must give the generator enough of both kinds.
    expect(intInsns, "integer and memory instructions per run").toBeGreaterThanOrEqual(LONG ? 200_000 : 20_000);
    expect(fpInsns, "FP/SIMD instructions per run").toBeGreaterThanOrEqual(LONG ? 200_000 : 20_000);
    expect(failures.length, "mismatches and failed boots (see the log above)").toBe(0);
  }, LONG ? 3_600_000 : 300_000);
});
