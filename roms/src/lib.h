/* Tiny runtime shared by the bare-metal programs: PL011 output, checks, semihosting exit,
   exception records, MMU and system register helpers. No libc. */
#ifndef ARMLET_ROMS_LIB_H
#define ARMLET_ROMS_LIB_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned short u16;
typedef unsigned char u8;

/* The board's addresses: QEMU virt's, unless build.sh builds for another board (vexpress-a15). */
#ifndef UART_BASE
#define UART_BASE 0x09000000u
#endif
#ifndef RAM_BASE
#define RAM_BASE 0x40000000u
#endif
#ifndef GICD_BASE
#define GICD_BASE 0x08000000u
#endif
#ifndef GICC_BASE
#define GICC_BASE 0x08010000u
#endif

/* ---- output ---- */
void putch(char c);
void puts(const char *s);                 /* no newline added */
void puthex(u32 v);                       /* 0x%08x */
void puthex64(u64 v);                     /* 0x%016llx */
void putdec(u32 v);
void newline(void);
/* "PASS name = 0x..." when got == want, else "FAIL name = 0x... (want 0x...)"; counts failures. */
void check(const char *name, u32 got, u32 want);
void check64(const char *name, u64 got, u64 want);
/* "PASS name" / "FAIL name" for a condition. */
void check_true(const char *name, int ok);
/* "INFO name = 0x..." : a fact printed for comparison with the reference, not judged. */
void info(const char *name, u32 v);
void section(const char *title);          /* "== title" */
extern u32 failures;
int finish(void);                         /* prints the summary line, returns the exit code */

/* ---- semihosting ---- */
u32 semihost(u32 op, u32 param);
void semi_exit(u32 code) __attribute__((noreturn));

/* ---- exceptions ---- */
enum { EXC_RESET, EXC_UND, EXC_SVC, EXC_PABT, EXC_DABT, EXC_HYP, EXC_IRQ, EXC_FIQ };
struct exc_frame { u32 spsr, pad, r[13], pc; };
struct exc_record {
  u32 count;      /* exceptions taken since exc_reset_record() */
  u32 type;       /* EXC_* */
  u32 lr;         /* the handler mode's LR on entry */
  u32 spsr;       /* SPSR on entry */
  u32 cpsr;       /* CPSR inside the handler */
  u32 insn;       /* instruction at the preferred return address (UND/SVC) */
  u32 fsr, far;   /* DFSR/DFAR for data aborts, IFSR/IFAR for prefetch aborts */
  u32 sp;         /* handler mode's SP at entry (before the frame) */
};
extern volatile struct exc_record exc;
/* Where to resume after the next exception, instead of the default (the next instruction). */
extern volatile u32 exc_resume;
/* Optional hook run in the handler before the default action; may edit the frame. */
extern void (*volatile exc_hook)(u32 type, struct exc_frame *f);
void exc_reset_record(void);
void exc_dispatch(u32 type, struct exc_frame *f);
extern u32 vectors[], vectors_alt[];
extern volatile u32 alt_hits;
void run_user(void (*fn)(void));
extern char run_user_back[];

/* ---- memory / strings ---- */
void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);
static inline u32 rd32(u32 a) { return *(volatile u32 *)a; }
static inline void wr32(u32 a, u32 v) { *(volatile u32 *)a = v; }

/* ---- system registers ---- */
#define MRC(op1, crn, crm, op2) ({ u32 _v; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v)); _v; })
#define MCR(op1, crn, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"((u32)(v)) : "memory")
#define MRRC(op1, crm) ({ u32 _lo, _hi; __asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm : "=r"(_lo), "=r"(_hi)); ((u64)_hi << 32) | _lo; })
#define MCRR(op1, crm, v) __asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm :: "r"((u32)(v)), "r"((u32)((u64)(v) >> 32)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")
#define DSB() __asm__ volatile("dsb" ::: "memory")
static inline u32 get_cpsr(void) { u32 v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }
static inline u32 get_sctlr(void) { return MRC(0, c1, c0, 0); }
static inline void set_sctlr(u32 v) { MCR(0, c1, c0, 0, v); ISB(); }
static inline void tlbiall(void) { DSB(); MCR(0, c8, c7, 0, 0); DSB(); ISB(); }

/* ---- MMU helpers (mmu.c) ---- */
extern u32 l1_table[4096];                 /* short-descriptor first-level table (16 KiB aligned) */
void mmu_short_identity(void);            /* RAM + UART identity sections, full access, domain 0 */
void mmu_on(void);
void mmu_off(void);

#endif
