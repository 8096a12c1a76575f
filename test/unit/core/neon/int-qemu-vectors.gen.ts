// Regenerates int-qemu-vectors.json: runs every Advanced SIMD integer case (int-cases.ts) under
// qemu-arm 7.2 (-cpu cortex-a15) and records what QEMU computes. Needs arm-none-eabi-gcc, qemu-arm.
//   npx tsx test/unit/core/neon/int-qemu-vectors.gen.ts
// Per case: the signal the word raised (4 = SIGILL: UNDEFINED) or 0, then the destination
// D registers Dd and D(d+1) (lo, hi words), FPSCR, and a hash of all of D0..D31 afterwards.
// Per decode sample: "U" (SIGILL at the word) or "-" (ran).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { neonIntCases, neonDecodeSamples, casesHash } from "./int-cases.js";

const cases = neonIntCases();
const decode = neonDecodeSamples();

const asm = String.raw`
    .syntax unified
    .arm
    .fpu neon-vfpv4
    .section .rwx,"awx",%progbits
    .global run_case, insn_slot, resume_point, saved_sp
@ r0 = inputs {d0..d31, fpscr}, r1 = outputs {d0..d31, fpscr}
run_case:
    push {r4-r11, lr}
    vpush {d8-d15}
    ldr r12, =out_ptr
    str r1, [r12]
    ldr r12, =saved_sp
    str sp, [r12]
    vldmia r0!, {d0-d15}
    vldmia r0!, {d16-d31}
    ldr r1, [r0]
    vmsr fpscr, r1
insn_slot:
    .word 0xe1a00000
resume_point:
    ldr r12, =out_ptr
    ldr r12, [r12]
    vstmia r12!, {d0-d15}
    vstmia r12!, {d16-d31}
    vmrs r1, fpscr
    str r1, [r12]
    ldr r12, =saved_sp
    ldr sp, [r12]
    vpop {d8-d15}
    pop {r4-r11, pc}
    .ltorg
    .data
out_ptr: .word 0
saved_sp: .word 0
    .text
    .global sig_restorer
sig_restorer:
    mov r7, #173          @ rt_sigreturn
    svc 0
`;
const c = String.raw`
#include <stdio.h>
#include <stdint.h>
extern void run_case(const uint32_t *in, uint32_t *out);
extern volatile uint32_t insn_slot[];
extern char resume_point[];
extern uint32_t saved_sp;
extern void sig_restorer(void);
static volatile int sig_seen;
static long sys4(long n, long a, long b, long c, long d) {
  register long r0 __asm__("r0") = a, r1 __asm__("r1") = b, r2 __asm__("r2") = c, r3 __asm__("r3") = d;
  register long r7 __asm__("r7") = n;
  __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r7) : "memory");
  return r0;
}
static void handler(int sig, void *info, void *ucv) {
  uint32_t *uc = ucv;
  (void)info;
  sig_seen = uc[23] == (uint32_t)insn_slot ? sig : 100 + sig;
  uc[21] = saved_sp;
  uc[23] = (uint32_t)resume_point;
  uc[24] &= ~0x20u;
}
static uint32_t altstack[4096];
struct ksa { void (*h)(int, void *, void *); unsigned long flags; void (*restorer)(void); uint32_t mask[2]; };
static const uint32_t insns[] = {
${[...cases.map((v) => v.insn), ...decode].map((x) => "0x" + (x >>> 0).toString(16)).join(",")}
};
static const uint32_t inputs[][65] = {
${cases.map((v) => "{" + [...v.d, v.fpscr].map((x) => "0x" + (x >>> 0).toString(16)).join(",") + "}").join(",\n")}
};
#define NCASES ${cases.length}
static uint32_t zero_in[65];
int main(void) {
  struct { void *sp; int flags; unsigned size; } ss = { altstack, 0, sizeof altstack };
  sys4(186, (long)&ss, 0, 0, 0);
  struct ksa sa = { handler, 0x04000000 | 0x08000000 | 4 | 0x40000000, sig_restorer, { 0, 0 } };
  for (int s = 4; s <= 11; s++) if (s == 4 || s == 5 || s == 7 || s == 11) sys4(174, s, (long)&sa, 0, 8);
  uint32_t out[65];
  for (unsigned i = 0; i < sizeof insns / sizeof insns[0]; i++) {
    sig_seen = 0;
    insn_slot[0] = insns[i];
    run_case(i < NCASES ? inputs[i] : zero_in, out);
    if (i >= NCASES) { printf("%d\n", sig_seen); continue; }
    unsigned d = ((insns[i] >> 12) & 0xf) | ((insns[i] >> 18) & 0x10), d1 = (d + 1) & 31;
    uint32_t h = 0x811c9dc5u;
    for (int k = 0; k < 64; k++) h = (h ^ out[k]) * 0x01000193u;
    printf("%d %08lx %08lx %08lx %08lx %08lx %08lx\n", sig_seen, (unsigned long)out[2 * d], (unsigned long)out[2 * d + 1],
           (unsigned long)out[2 * d1], (unsigned long)out[2 * d1 + 1], (unsigned long)out[64], (unsigned long)h);
  }
  return 0;
}
`;

const dir = mkdtempSync(join(tmpdir(), "neon-int-vec-"));
try {
  writeFileSync(join(dir, "stub.S"), asm);
  writeFileSync(join(dir, "main.c"), c);
  execFileSync("arm-none-eabi-gcc", ["-O1", "-mcpu=cortex-a15", "-marm", "--specs=rdimon.specs",
    "-Wl,--no-warn-rwx-segments", join(dir, "main.c"), join(dir, "stub.S"), "-o", join(dir, "v.elf")], { stdio: "inherit" });
  const out = execFileSync("qemu-arm", ["-cpu", "cortex-a15", join(dir, "v.elf")], { maxBuffer: 1 << 28 }).toString();
  const lines = out.trim().split("\n");
  const total = cases.length + decode.length;
  if (lines.length !== total) throw new Error(`qemu printed ${lines.length} lines, want ${total}`);
  const results = lines.slice(0, cases.length).map((ln) => (ln.startsWith("0 ") ? ln.trim() : ln.split(" ")[0]));
  const decodeSig = lines.slice(cases.length).map((ln) => (ln.trim() === "4" ? "U" : "-")).join("");
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, "int-qemu-vectors.json"), JSON.stringify({
    source: "qemu-arm 7.2 -cpu cortex-a15, generated by int-qemu-vectors.gen.ts",
    casesHash: casesHash(cases, decode), results, decode: decodeSig,
  }, null, 0).replace(/","/g, '",\n"') + "\n");
  console.log(`${cases.length} cases (${results.filter((r) => r.length < 4).length} signalled), ` +
    `${decode.length} decode samples (${[...decodeSig].filter((x) => x === "U").length} UNDEFINED)`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
