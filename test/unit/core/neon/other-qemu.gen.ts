// Regenerates other-qemu-vectors.json: runs every case of other-cases.ts under qemu-arm 7.2
// (-cpu cortex-a15) and records what QEMU computes. Needs arm-none-eabi-gcc and qemu-arm.
//   npx tsx test/unit/core/neon/other-qemu.gen.ts
// Per case the JSON holds the signal the word raised (0 none, 4 SIGILL = UNDEFINED, 7 SIGBUS =
// alignment fault, 11 SIGSEGV), FPSCR, r0..r3 (buffer offsets for pointer registers), the D
// registers that changed and the buffer bytes that changed; per decode sample "U" (SIGILL) or "-".
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { neonCases, casesHash, memInit, BUF_SIZE, type NeonCase } from "./other-cases.js";

const { cases, decode } = neonCases();

const asm = String.raw`
    .syntax unified
    .arm
    .fpu neon-vfpv4
    .section .rwx,"awx",%progbits
    .global run_case, insn_slot, resume_point, saved_sp
@ r0 = input {d0..d31, fpscr, flags, r0..r3}, r1 = output {d0..d31, fpscr, r0..r3}
run_case:
    push {r4-r11, lr}
    ldr r12, =out_ptr
    str r1, [r12]
    ldr r12, =saved_sp
    str sp, [r12]
    mov r12, r0
    vldmia r12!, {d0-d15}
    vldmia r12!, {d16-d31}
    ldr r4, [r12], #4
    vmsr fpscr, r4
    ldr r5, [r12], #4
    ldm r12, {r0-r3}
    tst r5, #1
    beq 1f
    setend be
1:
insn_slot:
    .word 0xe1a00000
resume_point:
    setend le
    ldr r12, =out_ptr
    ldr r12, [r12]
    vstmia r12!, {d0-d15}
    vstmia r12!, {d16-d31}
    vmrs r4, fpscr
    str r4, [r12], #4
    stm r12, {r0-r3}
    ldr r12, =saved_sp
    ldr sp, [r12]
    pop {r4-r11, pc}
    .ltorg
    .data
out_ptr: .word 0
saved_sp: .word 0
    .text
    .global sig_restorer
sig_restorer:
    mov r7, #173
    svc 0
`;

const hx = (x: number) => "0x" + (x >>> 0).toString(16);
const row = (c: NeonCase) => {
  const words: number[] = [c.insn, c.fpscr, ...c.r, c.ptr.reduce((m, p, i) => m | (p ? 1 << i : 0), 0) | (c.be ? 0x100 : 0) | (c.guard ? 0x200 : 0), c.mem];
  for (const d of c.d) words.push(Number(d & 0xffffffffn), Number(d >> 32n));
  return "{" + words.map(hx).join(",") + "}";
};
const decodeCases: NeonCase[] = decode.map((w) => ({
  insn: w, d: Array(32).fill(0n), fpscr: 0, r: [64, 0, 0, 4], ptr: [true, false, false, false], mem: 1, what: "decode",
}));
const all = [...cases, ...decodeCases];

const c = String.raw`
#include <stdio.h>
#include <stdint.h>
#include <string.h>
extern void run_case(const uint32_t *in, uint32_t *out);
extern volatile uint32_t insn_slot[];
extern char resume_point[];
extern uint32_t saved_sp;
extern void sig_restorer(void);
static volatile int sig_seen;
static volatile uint32_t fault_addr;
static long sys4(long n, long a, long b, long c, long d) {
  register long r0 __asm__("r0") = a, r1 __asm__("r1") = b, r2 __asm__("r2") = c, r3 __asm__("r3") = d;
  register long r7 __asm__("r7") = n;
  __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r7) : "memory");
  return r0;
}
static void handler(int sig, void *info, void *ucv) {
  uint32_t *uc = ucv;
  fault_addr = ((uint32_t *)info)[3];
  sig_seen = uc[23] == (uint32_t)insn_slot ? sig : 100 + sig;
  uc[21] = saved_sp;
  uc[23] = (uint32_t)resume_point;
  uc[24] &= ~0x20u;
}
static uint32_t altstack[4096];
struct ksa { void (*h)(int, void *, void *); unsigned long flags; void (*restorer)(void); uint32_t mask[2]; };
static const uint32_t cases[][72] = {
${all.map(row).join(",\n")}
};
static uint8_t buf0[${BUF_SIZE}] __attribute__((aligned(256)));
static uint8_t pages[8192] __attribute__((aligned(4096)));
int main(void) {
  struct { void *sp; int flags; unsigned size; } ss = { altstack, 0, sizeof altstack };
  sys4(186, (long)&ss, 0, 0, 0);
  struct ksa sa = { handler, 0x04000000 | 0x08000000 | 4 | 0x40000000, sig_restorer, { 0, 0 } };
  for (int s = 4; s <= 11; s++) if (s == 4 || s == 5 || s == 7 || s == 11) sys4(174, s, (long)&sa, 0, 8);
  static uint32_t in[64 + 6], out[64 + 5];
  sys4(125, (long)(pages + 4096), 4096, 0, 0);         /* mprotect(guard page, PROT_NONE) */
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const uint32_t *cs = cases[i];
    uint8_t *buf = (cs[6] >> 9) & 1 ? pages + 4096 - ${BUF_SIZE} : buf0;
    uint32_t s = cs[7] * 7919u + 13u;
    if (!s) s = 1;
    for (int k = 0; k < ${BUF_SIZE}; k++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; buf[k] = s & 0xff; }
    memcpy(in, &cs[8], 64 * 4);
    in[64] = cs[1];
    in[65] = (cs[6] >> 8) & 1;
    for (int k = 0; k < 4; k++) in[66 + k] = cs[2 + k] + ((cs[6] >> k) & 1 ? (uint32_t)buf : 0);
    sig_seen = 0;
    insn_slot[0] = cs[0];
    __builtin___clear_cache((char *)insn_slot, (char *)insn_slot + 4);
    run_case(in, out);
    if (sig_seen == 7 || sig_seen == 11) printf("%d@%lx %08lx", sig_seen, (unsigned long)(fault_addr - (uint32_t)buf), (unsigned long)out[64]);
    else printf("%d %08lx", sig_seen, (unsigned long)out[64]);
    for (int k = 0; k < 4; k++) printf(" %08lx", (unsigned long)(out[65 + k] - ((cs[6] >> k) & 1 ? (uint32_t)buf : 0)));
    for (int k = 0; k < 64; k++) printf(" %08lx", (unsigned long)out[k]);
    printf(" ");
    for (int k = 0; k < ${BUF_SIZE}; k++) printf("%02x", buf[k]);
    printf("\n");
  }
  return 0;
}
`;

const dir = mkdtempSync(join(tmpdir(), "neon-vec-"));
try {
  writeFileSync(join(dir, "stub.S"), asm);
  writeFileSync(join(dir, "main.c"), c);
  execFileSync("arm-none-eabi-gcc", ["-O1", "-mcpu=cortex-a15", "-marm", "--specs=rdimon.specs",
    "-Wl,--no-warn-rwx-segments", join(dir, "main.c"), join(dir, "stub.S"), "-o", join(dir, "v.elf")], { stdio: "inherit" });
  const out = execFileSync("qemu-arm", ["-cpu", "cortex-a15", join(dir, "v.elf")], { maxBuffer: 1 << 30 }).toString();
  const lines = out.trim().split("\n");
  if (lines.length !== all.length) throw new Error(`qemu printed ${lines.length} lines, want ${all.length}`);
  const results: string[] = [];
  let decodeSig = "";
  lines.forEach((ln, i) => {
    const f = ln.trim().split(" ");
    if (i >= cases.length) { decodeSig += f[0] === "4" ? "U" : "-"; return; }
    if (f.length < 71) throw new Error(`case ${i}: short line ${ln}`);
    const cs = cases[i];
    const words = f.slice(6, 70).map((x) => BigInt(parseInt(x, 16) >>> 0));
    const dchg: string[] = [];
    for (let k = 0; k < 32; k++) {
      const v = words[2 * k] | (words[2 * k + 1] << 32n);
      if (v !== cs.d[k]) dchg.push(`d${k}=${v.toString(16)}`);
    }
    const mem0 = memInit(cs.mem);
    const memHex = f[70];
    const mchg: string[] = [];
    for (let k = 0; k < BUF_SIZE; k++) {
      const b = parseInt(memHex.slice(2 * k, 2 * k + 2), 16);
      if (b !== mem0[k]) mchg.push(`m${k}=${b.toString(16)}`);
    }
    results.push([f[0], f[1], f[2], f[3], f[4], f[5], ...dchg, ...mchg].join(" "));
  });
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, "other-qemu-vectors.json"), JSON.stringify({
    source: "qemu-arm 7.2 -cpu cortex-a15, generated by other-qemu.gen.ts",
    casesHash: casesHash(cases, decode), results, decode: decodeSig,
  }, null, 0).replace(/","/g, '",\n"') + "\n");
  console.log(`${cases.length} cases (${results.filter((r) => !r.startsWith("0 ")).length} signalled), ` +
    `${decode.length} decode samples (${[...decodeSig].filter((ch) => ch === "U").length} UNDEFINED)`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
