// Regenerates data-qemu-vectors.json: runs every T32 data-processing case under qemu-arm 7.2
// (-cpu cortex-a15) and records what QEMU computes. Needs arm-none-eabi-gcc and qemu-arm.
//   npx tsx test/unit/core/t32/data-qemu-vectors.gen.ts
// The cases come from data-cases.ts (deterministic). The JSON holds the address QEMU ran the
// word at, and per case QEMU's r0..r4 and APSR after it, or the signal the word raised
// (4 = SIGILL: UNDEFINED); per decode sample "U" (SIGILL at the word) or "-" (it ran).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { dataCases, casesHash } from "./data-cases.js";

const { cases, decode } = dataCases();

// ---- the QEMU program: a Thumb stub with a two-halfword slot at an address = 2 mod 4 ----
const asm = String.raw`
    .syntax unified
    .thumb
    .section .rwx,"awx",%progbits
    .global run_case, insn_slot, resume_point, saved_sp
@ r0 = inputs {r0..r4, apsr}, r1 = outputs {r0..r4, apsr}
    .thumb_func
run_case:
    push {r4-r11, lr}
    ldr r12, =out_ptr
    str r1, [r12]
    ldr r12, =saved_sp
    str sp, [r12]
    mov r12, r0
    ldr r5, [r12, #20]
    msr APSR_nzcvqg, r5
    ldm r12, {r0-r4}
    mov r5, #0x114
    mov r6, #0x118
    mov r7, #0x11c
    mov r8, #0x120
    mov r9, #0x124
    mov r10, #0x128
    mov r11, #0x12c
    mov r12, #0x130
    b.w 1f
    .balign 4
    nop
1:
insn_slot:
    .short 0xbf00, 0xbf00
resume_point:
    mrs r5, APSR
    ldr r12, =out_ptr
    ldr r12, [r12]
    stm r12, {r0-r5}
    ldr r12, =saved_sp
    ldr sp, [r12]
    pop {r4-r11, pc}
    .ltorg
    .data
out_ptr: .word 0
saved_sp: .word 0
    .text
    .arm
    .global sig_restorer
sig_restorer:
    mov r7, #173          @ rt_sigreturn
    svc 0
`;
const c = String.raw`
#include <stdio.h>
#include <stdint.h>
extern void run_case(const uint32_t *in, uint32_t *out);
extern volatile uint16_t insn_slot[];
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
/* ucontext words: uc_flags, uc_link, uc_stack[3], then sigcontext: trap_no, error_code, oldmask,
   r0..r10, fp, ip, sp, lr, pc, cpsr */
static void handler(int sig, void *info, void *ucv) {
  uint32_t *uc = ucv;
  (void)info;
  sig_seen = uc[23] == (uint32_t)insn_slot ? sig : 100 + sig;
  uc[21] = saved_sp;
  uc[23] = (uint32_t)resume_point & ~1u;
  uc[24] = (uc[24] | 0x20u) & ~0x0600fc00u; /* Thumb, outside any IT block */
}
static uint32_t altstack[4096];
struct ksa { void (*h)(int, void *, void *); unsigned long flags; void (*restorer)(void); uint32_t mask[2]; };
static const uint32_t cases[][7] = {
${[...cases.map((v) => [v.insn, ...v.in]), ...decode.map((w) => [w, 0x100, 0x104, 0x108, 0x10c, 0x110, 0])]
    .map((a) => "{" + a.map((x) => "0x" + (x >>> 0).toString(16)).join(",") + "}").join(",\n")}
};
int main(void) {
  struct { void *sp; int flags; unsigned size; } ss = { altstack, 0, sizeof altstack };
  sys4(186, (long)&ss, 0, 0, 0);                      /* sigaltstack */
  struct ksa sa = { handler, 0x04000000 | 0x08000000 | 4 | 0x40000000, sig_restorer, { 0, 0 } };
  for (int s = 4; s <= 11; s++) if (s == 4 || s == 5 || s == 7 || s == 11) sys4(174, s, (long)&sa, 0, 8);
  printf("%08lx\n", (unsigned long)(uint32_t)insn_slot);
  uint32_t out[6];
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    sig_seen = 0;
    insn_slot[0] = cases[i][0] >> 16;
    insn_slot[1] = cases[i][0] & 0xffff;
    run_case(&cases[i][1], out);
    printf("%d %08lx %08lx %08lx %08lx %08lx %08lx\n", sig_seen, (unsigned long)out[0], (unsigned long)out[1],
           (unsigned long)out[2], (unsigned long)out[3], (unsigned long)out[4], (unsigned long)out[5]);
  }
  return 0;
}
`;

const dir = mkdtempSync(join(tmpdir(), "t32-data-vec-"));
try {
  writeFileSync(join(dir, "stub.S"), asm);
  writeFileSync(join(dir, "main.c"), c);
  execFileSync("arm-none-eabi-gcc", ["-O1", "-mcpu=cortex-a15", "-marm", "--specs=rdimon.specs",
    "-Wl,--no-warn-rwx-segments", join(dir, "main.c"), join(dir, "stub.S"), "-o", join(dir, "v.elf")], { stdio: "inherit" });
  const out = execFileSync("qemu-arm", ["-cpu", "cortex-a15", join(dir, "v.elf")], { maxBuffer: 1 << 28 }).toString();
  const [slotLine, ...lines] = out.trim().split("\n");
  const total = cases.length + decode.length;
  if (lines.length !== total) throw new Error(`qemu printed ${lines.length} lines, want ${total}`);
  const results = lines.slice(0, cases.length).map((ln) => (ln.startsWith("0 ") ? ln.trim() : ln.split(" ")[0]));
  const decodeSig = lines.slice(cases.length).map((ln) => (ln.split(" ")[0] === "4" ? "U" : "-")).join("");
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, "data-qemu-vectors.json"), JSON.stringify({
    source: "qemu-arm 7.2 -cpu cortex-a15, generated by data-qemu-vectors.gen.ts",
    slot: slotLine.trim(), casesHash: casesHash(cases, decode), results, decode: decodeSig,
  }, null, 0).replace(/","/g, '",\n"') + "\n");
  console.log(`${cases.length} cases (${results.filter((r) => r.length < 4).length} signalled), ` +
    `${decode.length} decode samples (${[...decodeSig].filter((ch) => ch === "U").length} UNDEFINED)`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
