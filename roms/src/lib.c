/* Output, checks and the exception dispatcher shared by every program. */
#include "lib.h"

u32 failures;
volatile struct exc_record exc;
volatile u32 exc_resume;
void (*volatile exc_hook)(u32 type, struct exc_frame *f);

void putch(char c) {
  while (rd32(UART_BASE + 0x18) & (1u << 5)) { } /* FR.TXFF */
  wr32(UART_BASE, (u8)c);
}
void puts(const char *s) { while (*s) putch(*s++); }
void newline(void) { putch('\n'); }

static void hexdigits(u32 v, int n) {
  for (int i = n - 1; i >= 0; i--) putch("0123456789abcdef"[(v >> (i * 4)) & 15]);
}
void puthex(u32 v) { puts("0x"); hexdigits(v, 8); }
void puthex64(u64 v) { puts("0x"); hexdigits((u32)(v >> 32), 8); hexdigits((u32)v, 8); }
void putdec(u32 v) {
  char buf[12]; int i = 0;
  do { buf[i++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (i) putch(buf[--i]);
}

void section(const char *title) { puts("== "); puts(title); newline(); }

void check(const char *name, u32 got, u32 want) {
  int ok = got == want;
  puts(ok ? "PASS " : "FAIL "); puts(name); puts(" = "); puthex(got);
  if (!ok) { puts(" (want "); puthex(want); puts(")"); failures++; }
  newline();
}
void check64(const char *name, u64 got, u64 want) {
  int ok = got == want;
  puts(ok ? "PASS " : "FAIL "); puts(name); puts(" = "); puthex64(got);
  if (!ok) { puts(" (want "); puthex64(want); puts(")"); failures++; }
  newline();
}
void check_true(const char *name, int ok) {
  puts(ok ? "PASS " : "FAIL "); puts(name); newline();
  if (!ok) failures++;
}
void info(const char *name, u32 v) { puts("INFO "); puts(name); puts(" = "); puthex(v); newline(); }

int finish(void) {
  puts(failures ? "RESULT: FAIL (" : "RESULT: PASS (");
  putdec(failures); puts(" failed)\n");
  return failures > 255 ? 255 : (int)failures;
}

/* SYS_EXIT_EXTENDED (0x20) with {ADP_Stopped_ApplicationExit, code}: QEMU returns `code` as its
   exit status; plain SYS_EXIT (0x18) in A32 can only say success (0) or failure (1). */
void semi_exit(u32 code) {
  static volatile u32 block[2];
  block[0] = 0x20026; block[1] = code;
  semihost(0x20, (u32)block);
  semihost(0x18, 0x20026);
  for (;;) { }
}

void *memset(void *d, int c, unsigned n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; }
void *memcpy(void *d, const void *s, unsigned n) {
  u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d;
}

void exc_reset_record(void) {
  exc.count = 0; exc.type = 0xff; exc.lr = exc.spsr = exc.cpsr = exc.insn = 0;
  exc.fsr = exc.far = exc.sp = 0; exc_resume = 0;
}

static const char *const exc_names[] = { "reset", "und", "svc", "pabt", "dabt", "hyp", "irq", "fiq" };

void exc_dispatch(u32 type, struct exc_frame *f) {
  u32 lr = f->pc;
  /* SVC #0xf0 from User mode: the end of run_user(); not recorded. */
  if (type == EXC_SVC && (f->spsr & 0x1f) == 0x10 &&
      (*(volatile u32 *)(lr - 4) & 0x0fffffff) == 0x0f0000f0) {
    f->pc = (u32)run_user_back;
    f->spsr = 0x1d3;
    return;
  }
  exc.count++;
  exc.type = type;
  exc.lr = lr;
  exc.spsr = f->spsr;
  exc.cpsr = get_cpsr();
  exc.sp = (u32)f + sizeof(*f);
  exc.insn = 0;
  exc.fsr = exc.far = 0;
  switch (type) {
    case EXC_UND: case EXC_SVC:
      exc.insn = *(volatile u32 *)(lr - 4);
      f->pc = lr;
      break;
    case EXC_PABT:
      exc.fsr = MRC(0, c5, c0, 1); exc.far = MRC(0, c6, c0, 2);
      f->pc = lr;            /* skip the aborted instruction (BKPT) */
      break;
    case EXC_DABT:
      exc.fsr = MRC(0, c5, c0, 0); exc.far = MRC(0, c6, c0, 0);
      f->pc = lr - 4;        /* the instruction after the one that aborted */
      break;
    default:
      puts("FAIL unexpected exception "); puts(exc_names[type & 7]); puts(" lr="); puthex(lr);
      newline();
      failures++;
      semi_exit(finish() | 0x80);
  }
  if (exc_hook) exc_hook(type, f);
  if (exc_resume) { f->pc = exc_resume; exc_resume = 0; }
}
