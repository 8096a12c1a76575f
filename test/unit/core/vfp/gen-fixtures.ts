// Builds qemu-fixtures.json: runs every case of cases.ts under `qemu-arm -cpu cortex-a15` (QEMU 7.2)
// and records the registers and FPSCR after it. Needs arm-none-eabi-gcc (newlib) and qemu-arm.
// Run: npx tsx test/unit/core/vfp/gen-fixtures.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { CASES, initialD, initialR } from "./cases";

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "vfp-fix-"));
const hex32 = (v: number) => "0x" + (v >>> 0).toString(16);

// 1. words of each case, assembled alone
function assemble(lines: string[]): number[] {
  const s = join(dir, "one.s"), o = join(dir, "one.o"), b = join(dir, "one.bin");
  writeFileSync(s, ".syntax unified\n.arm\n.fpu neon-vfpv4\n" + lines.join("\n") + "\n");
  execFileSync("arm-none-eabi-as", ["-mcpu=cortex-a15", "-o", o, s]);
  execFileSync("arm-none-eabi-objcopy", ["-O", "binary", "-j", ".text", o, b]);
  const buf = readFileSync(b);
  const words: number[] = [];
  for (let i = 0; i < buf.length; i += 4) words.push(buf.readUInt32LE(i));
  return words;
}
const words = CASES.map((c) => assemble(c.asm));

// 2. one program running them all
let asm = ".syntax unified\n.arm\n.fpu neon-vfpv4\n.text\n";
CASES.forEach((c, k) => {
  const d = initialD(k, c);
  const r = initialR(k, c);
  asm += `.data\n.balign 8\nin_${k}:\n`;
  for (const v of d) asm += `.word ${hex32(Number(v & 0xffffffffn))}, ${hex32(Number(v >> 32n))}\n`;
  asm += `.word ${hex32(c.fpscr ?? 0)}\n`;
  for (const v of r) asm += `.word ${hex32(v)}\n`;
  asm += `.text\n.global case_${k}\ncase_${k}:\n push {r4-r11, lr}\n ldr r12, =in_${k}\n`;
  asm += ` vldmia r12!, {d0-d15}\n vldmia r12!, {d16-d31}\n ldr r0, [r12], #4\n vmsr fpscr, r0\n ldm r12, {r0-r11}\n`;
  asm += ` msr APSR_nzcvqg, #0\n`;
  asm += words[k].map((w) => ` .word ${hex32(w)}\n`).join("");
  asm += ` ldr r12, =out_state\n stm r12!, {r0-r11}\n vmrs r0, fpscr\n str r0, [r12], #4\n mrs r0, apsr\n str r0, [r12], #4\n`;
  asm += ` vstmia r12!, {d0-d15}\n vstmia r12!, {d16-d31}\n pop {r4-r11, pc}\n.ltorg\n`;
});
asm += `.data\n.balign 8\n.global out_state\nout_state: .space ${4 * 14 + 256}\n`;
asm += `.section .rodata\n.global case_table\ncase_table:\n` + CASES.map((_, k) => ` .word case_${k}\n`).join("");
writeFileSync(join(dir, "cases.s"), asm);
writeFileSync(join(dir, "main.c"), `
#include <stdio.h>
#include <stdint.h>
extern uint32_t out_state[];
extern void (*case_table[])(void);
int main(void) {
  for (int k = 0; k < ${CASES.length}; k++) {
    case_table[k]();
    printf("%d", k);
    for (int i = 0; i < 14 + 64; i++) printf(" %08lx", (unsigned long)out_state[i]);
    printf("\\n");
  }
  return 0;
}
`);
execFileSync("arm-none-eabi-gcc", ["-mcpu=cortex-a15", "-mfpu=neon-vfpv4", "-mfloat-abi=hard", "-O1",
  "--specs=rdimon.specs", "-o", join(dir, "t.elf"), join(dir, "main.c"), join(dir, "cases.s")]);
const out = execFileSync("qemu-arm", ["-cpu", "cortex-a15", join(dir, "t.elf")]).toString();

// 3. fixture
const fixtures = out.trim().split("\n").map((line) => {
  const f = line.trim().split(/\s+/);
  const k = Number(f[0]);
  const v = f.slice(1).map((x) => parseInt(x, 16));
  const d: string[] = [];
  for (let i = 0; i < 32; i++) d.push(((BigInt(v[14 + 2 * i + 1]) << 32n) | BigInt(v[14 + 2 * i])).toString(16));
  return { name: CASES[k].name, words: words[k], r: v.slice(0, 12), fpscr: v[12], nzcv: v[13] >>> 28, d };
});
writeFileSync(join(here, "qemu-fixtures.json"), JSON.stringify(fixtures, null, 1) + "\n");
console.log(`${fixtures.length} cases written`);
