// Runs the scans of probes.S under several EL0 permission settings and writes the raw records
// to a57-probe.bin through semihosting (see README.md for the layout; decode.py reads it).
typedef unsigned long u64;
long semi(long op, void *param);
void run_el0(void (*fn)(u64 *, u64 *), u64 *out, u64 *scratch);
void set_el1_state(u64 sctlr, u64 cntkctl, u64 pmuserenr, u64 cpacr);
void scan_mrs(u64 *, u64 *); void scan_msr(u64 *, u64 *);
void scan_sys(u64 *, u64 *); void scan_sysl(u64 *, u64 *); void scan_mask(u64 *, u64 *);

#define SCTLR_RESET 0x00c50838UL
#define OPEN (SCTLR_RESET | (1UL << 9) | (1UL << 14) | (1UL << 15) | (1UL << 26))
#define REGS 32768
#define SYSN 16384
static u64 *const scratch = (u64 *)0x40f00000;
static u64 *next = (u64 *)0x41000000;
static long fd;

static void emit(u64 *p, u64 bytes) { long a[3] = { fd, (long)p, (long)bytes }; semi(5, a); }
static u64 *take(u64 words) { u64 *p = next; next += words; return p; }

// EL0 settings: sctlr, cntkctl, pmuserenr, cpacr
static const u64 el0cfg[9][4] = {
  { SCTLR_RESET, 0, 0, 0 },            // reset
  { OPEN, 0x303, 0xf, 0x300000 },      // everything open
  { SCTLR_RESET, 0, 2, 0 }, { SCTLR_RESET, 0, 4, 0 }, { SCTLR_RESET, 0, 8, 0 },          // PMUSERENR SW, CR, ER
  { SCTLR_RESET, 1, 0, 0 }, { SCTLR_RESET, 2, 0, 0 }, { SCTLR_RESET, 0x100, 0, 0 }, { SCTLR_RESET, 0x200, 0, 0 }, // CNTKCTL
};

int main(void) {
  long o[3] = { (long)"a57-probe.bin", 5, 13 };
  fd = semi(1, o);
  u64 *p;
  // 1. MRS at EL1: reset, then with FP enabled
  p = take(2 * REGS); scan_mrs(p, scratch); emit(p, 16 * REGS);
  set_el1_state(SCTLR_RESET, 0, 0, 0x300000);
  p = take(2 * REGS); scan_mrs(p, scratch); emit(p, 16 * REGS);
  // 2. MRS at EL0, each setting
  for (int c = 0; c < 9; c++) {
    set_el1_state(el0cfg[c][0], el0cfg[c][1], el0cfg[c][2], el0cfg[c][3]);
    p = take(2 * REGS); run_el0(scan_mrs, p, scratch); emit(p, 16 * REGS);
  }
  // 3. MSR at EL0, each setting, then at EL1 (everything open)
  for (int c = 0; c < 9; c++) {
    set_el1_state(el0cfg[c][0], el0cfg[c][1], el0cfg[c][2], el0cfg[c][3]);
    p = take(2 * REGS); run_el0(scan_msr, p, scratch); emit(p, 16 * REGS);
  }
  set_el1_state(OPEN, 0x303, 0xf, 0x300000);
  p = take(2 * REGS); scan_msr(p, scratch); emit(p, 16 * REGS);
  // 4. SYS at EL0 (reset, open), at EL1; SYSL at EL1
  for (int c = 0; c < 2; c++) {
    set_el1_state(el0cfg[c][0], el0cfg[c][1], el0cfg[c][2], el0cfg[c][3]);
    p = take(2 * SYSN); run_el0(scan_sys, p, scratch); emit(p, 16 * SYSN);
  }
  set_el1_state(OPEN, 0x303, 0xf, 0x300000);
  p = take(2 * SYSN); scan_sys(p, scratch); emit(p, 16 * SYSN);
  p = take(2 * SYSN); scan_sysl(p, scratch); emit(p, 16 * SYSN);
  // 5. write masks at EL1
  set_el1_state(SCTLR_RESET, 0, 0, 0x300000);
  p = take(4 * REGS); scan_mask(p, scratch); emit(p, 32 * REGS);
  long c[1] = { fd };
  semi(2, c);
  return 0;
}
