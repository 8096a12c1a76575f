/* Reads and writes the vexpress-a15 sysreg, SP804 and PL031 registers and prints what
   QEMU answers, one "name value" line each (see README.md). */
typedef unsigned int u32;
void semi_write0(const char *s);
#define R32(a) (*(volatile u32 *)(a))
#define R8(a) (*(volatile unsigned char *)(a))
#define R16(a) (*(volatile unsigned short *)(a))
#define SYS 0x1c010000u
#define T01 0x1c110000u
#define T23 0x1c120000u
#define RTC 0x1c170000u

static void put(const char *name, u32 v) {
  char buf[80]; int i = 0;
  while (*name) buf[i++] = *name++;
  buf[i++] = ' ';
  for (int s = 28; s >= 0; s -= 4) buf[i++] = "0123456789abcdef"[(v >> s) & 15];
  buf[i++] = '\n'; buf[i] = 0;
  semi_write0(buf);
}
static char nm[40];
static const char *name2(const char *p, u32 off) {
  int i = 0;
  while (*p) nm[i++] = *p++;
  nm[i++] = '+';
  for (int s = 8; s >= 0; s -= 4) nm[i++] = "0123456789abcdef"[(off >> s) & 15];
  nm[i] = 0;
  return nm;
}
static void spin(u32 n) { for (volatile u32 i = 0; i < n; i++) ; }

static void cfg(const char *name, u32 ctrl, u32 data) {
  R32(SYS + 0xa8) = 0;
  R32(SYS + 0xa0) = data;
  R32(SYS + 0xa4) = ctrl;
  put(name, R32(SYS + 0xa0));
  put("  stat", R32(SYS + 0xa8));
  put("  ctrl", R32(SYS + 0xa4));
}
#define CTRL(write, fn, site, pos, dev) (0x80000000u | ((write) << 30) | ((fn) << 20) | ((site) << 16) | ((pos) << 12) | (dev))

int main(void) {
  /* sysreg: every offset 0..0xfc after reset (0x5c is the 24 MHz counter: time-varying) */
  for (u32 o = 0; o < 0x100; o += 4) put(name2("sys", o), o == 0x5c ? 0 : R32(SYS + o));
  put("sys8@0", R8(SYS)); put("sys8@1", R8(SYS + 1)); put("sys16@2", R16(SYS + 2));
  put("sys8@84", R8(SYS + 0x84)); put("sys16@84", R16(SYS + 0x84));
  R32(SYS + 0x08) = 0x12345678; put("led", R32(SYS + 0x08));
  R32(SYS + 0x20) = 0xa05f; put("lock-a05f", R32(SYS + 0x20));
  R32(SYS + 0x20) = 0xffff; put("lock-ffff", R32(SYS + 0x20));
  R32(SYS + 0x20) = 0x12345; put("lock-12345", R32(SYS + 0x20));
  R32(SYS + 0x30) = 0xf0; R32(SYS + 0x30) = 0x0f; put("flags-set", R32(SYS + 0x30));
  R32(SYS + 0x34) = 0x3c; put("flags-clr", R32(SYS + 0x30)); put("flagsclr-read", R32(SYS + 0x34));
  R32(SYS + 0x38) = 0xa5; R32(SYS + 0x3c) = 0x05; put("nvflags", R32(SYS + 0x38));
  R32(SYS + 0x28) = 0x11; R32(SYS + 0x2c) = 0x22; put("cfgdata1", R32(SYS + 0x28)); put("cfgdata2", R32(SYS + 0x2c));
  R32(SYS + 0x04) = 0xff; put("sw", R32(SYS + 0x04));
  R32(SYS + 0x84) = 0; put("procid0", R32(SYS + 0x84));
  R32(SYS + 0x40) = 0x104; put("resetctl", R32(SYS + 0x40));
  R32(SYS + 0x50) = 0xff; put("clcd", R32(SYS + 0x50));
  R32(SYS + 0x48) = 0xff; put("mci", R32(SYS + 0x48));
  { u32 a = R32(SYS + 0x5c); spin(100000); u32 b = R32(SYS + 0x5c); put("24mhz-advances", b != a); }
  for (u32 d = 0; d < 10; d++) cfg(name2("osc-db", d), CTRL(0, 1, 1, 0, d), 0xdead);
  for (u32 d = 0; d < 7; d++) cfg(name2("osc-mb", d), CTRL(0, 1, 0, 0, d), 0xdead);
  cfg("volt-db0", CTRL(0, 2, 1, 0, 0), 0); cfg("volt-db1", CTRL(0, 2, 1, 0, 1), 0);
  cfg("volt-mb0", CTRL(0, 2, 0, 0, 0), 0); cfg("volt-mb1", CTRL(0, 2, 0, 0, 1), 0);
  cfg("temp-db0", CTRL(0, 4, 1, 0, 0), 0x77);
  cfg("osc-site2", CTRL(0, 1, 2, 0, 0), 0x77);
  cfg("osc-pos1", CTRL(0, 1, 1, 1, 0), 0x77);
  cfg("osc-dcc1", CTRL(0, 1, 1, 0, 0) | (1 << 26), 0x77);
  cfg("wosc-db1", CTRL(1, 1, 1, 0, 1), 12345678); cfg("rosc-db1", CTRL(0, 1, 1, 0, 1), 0);
  cfg("wosc-mb2", CTRL(1, 1, 0, 0, 2), 33000000); cfg("rosc-mb2", CTRL(0, 1, 0, 0, 2), 0);
  cfg("wvolt-db0", CTRL(1, 2, 1, 0, 0), 5);
  cfg("wmux", CTRL(1, 7, 0, 0, 0), 5);
  cfg("wdvi", CTRL(1, 11, 0, 0, 0), 5);
  cfg("wshutdown-dev1", CTRL(1, 8, 0, 0, 1), 0);
  R32(SYS + 0xa4) = 0x7fffffff; put("cfgctrl-nostart", R32(SYS + 0xa4)); put("  stat", R32(SYS + 0xa8));
  R32(SYS + 0xa8) = 0xff; put("cfgstat-w", R32(SYS + 0xa8));

  /* SP804: every offset of the first 0x40, ids, test regs */
  for (u32 o = 0; o < 0x40; o += 4) put(name2("t01", o), R32(T01 + o));
  for (u32 o = 0xf00; o < 0xf10; o += 4) put(name2("t01", o), R32(T01 + o));
  for (u32 o = 0xfe0; o < 0x1000; o += 4) put(name2("t01", o), R32(T01 + o));
  put("t01-8@fe1", R8(T01 + 0xfe1)); put("t01-8@5", R8(T01 + 5)); put("t01-8@8", R8(T01 + 8));
  R32(T01 + 0x00) = 0x1234; put("load-dis-value", R32(T01 + 4)); put("  bgload", R32(T01 + 0x18));
  R32(T01 + 0x18) = 0x5678; put("bgload-dis-value", R32(T01 + 4)); put("  load", R32(T01 + 0));
  R32(T01 + 0x08) = 0x00; put("ctrl-free-dis", R32(T01 + 8)); put("  value", R32(T01 + 4));
  R32(T01 + 0x00) = 0x1234; put("free-load-value", R32(T01 + 4)); put("  load", R32(T01 + 0));
  R32(T01 + 0x08) = 0x02; R32(T01 + 0x00) = 0x1234; put("free32-load-value", R32(T01 + 4));
  R32(T01 + 0x08) = 0x41; R32(T01 + 0x00) = 0x1234; put("per-load-value", R32(T01 + 4));
  R32(T01 + 0x04) = 0x99; put("value-write", R32(T01 + 4));
  R32(T01 + 0x08) = 0xffffffff; put("ctrl-all", R32(T01 + 8)); R32(T01 + 0x08) = 0;
  /* oneshot expiry with the interrupt enabled and masked */
  R32(T01 + 0x0c) = 1;
  R32(T01 + 0x00) = 20; R32(T01 + 0x08) = 0xa3; spin(2000000);
  put("os-value", R32(T01 + 4)); put("os-ris", R32(T01 + 0x10)); put("os-mis", R32(T01 + 0x14)); put("os-ctrl", R32(T01 + 8));
  R32(T01 + 0x08) = 0x83; put("os-mis-noie", R32(T01 + 0x14)); put("os-ris-noie", R32(T01 + 0x10));
  R32(T01 + 0x0c) = 0; put("os-ris-clr", R32(T01 + 0x10));
  /* periodic with load 0: immediate interrupt, then stopped */
  R32(T01 + 0x08) = 0; R32(T01 + 0x00) = 0; R32(T01 + 0x08) = 0xe2;
  put("p0-ris", R32(T01 + 0x10)); put("p0-value", R32(T01 + 4)); R32(T01 + 0x0c) = 1;
  spin(200000); put("p0-ris-later", R32(T01 + 0x10));
  /* enabled free-running: counts down from 0xffffffff */
  R32(T01 + 0x08) = 0; R32(T01 + 0x0c) = 1; R32(T01 + 0x08) = 0x82; spin(100000);
  { u32 v = R32(T01 + 4); put("free-running-below-max", v < 0xffffffffu && v > 0xff000000u); }
  R32(T01 + 0x08) = 0;
  /* timer 2 of the module */
  R32(T01 + 0x20) = 0xabc; put("t2-load", R32(T01 + 0x20)); put("t2-value", R32(T01 + 0x24));
  put("t23-ctrl", R32(T23 + 0x08)); put("t23-ctrl2", R32(T23 + 0x28));

  /* PL031 */
  for (u32 o = 0; o < 0x20; o += 4) put(name2("rtc", o), o == 0 ? 0 : R32(RTC + o));
  for (u32 o = 0xfe0; o < 0x1000; o += 4) put(name2("rtc", o), R32(RTC + o));
  put("rtc-dr-after-2020", R32(RTC) > 1577836800u);
  put("rtc8@fe1", R8(RTC + 0xfe1)); put("rtc8@1", R8(RTC + 1)); put("rtc8@20", R8(RTC + 0x20));
  R32(RTC + 0x0c) = 0; put("rtc-cr", R32(RTC + 0x0c));
  R32(RTC + 0x10) = 3; put("rtc-imsc", R32(RTC + 0x10));
  R32(RTC + 0x08) = 1000; { u32 d = R32(RTC); put("rtc-lr-dr-ok", d == 1000 || d == 1001); } put("rtc-lr", R32(RTC + 8));
  R32(RTC + 0x04) = R32(RTC); put("rtc-match-ris", R32(RTC + 0x14)); put("rtc-match-mis", R32(RTC + 0x18));
  R32(RTC + 0x1c) = 1; put("rtc-icr-ris", R32(RTC + 0x14));
  R32(RTC + 0x00) = 5; put("rtc-dr-write-ignored", R32(RTC) >= 1000);
    /* devices armlet only identifies: PrimeCell IDs (AACI, MMCI, KMI0/1, CLCD) and virtio-mmio */
  { static const u32 b[] = {0x1c040000u, 0x1c050000u, 0x1c060000u, 0x1c070000u, 0x1c1f0000u};
    for (u32 i = 0; i < 5; i++) for (u32 o = 0xfe0; o < 0x1000; o += 4) put(name2(i == 4 ? "clcd" : i == 0 ? "aaci" : i == 1 ? "mmci" : i == 2 ? "kmi0" : "kmi1", o), R32(b[i] + o)); }
  for (u32 o = 0; o < 0x100; o += 4) put(name2("virtio0", o), R32(0x1c130000u + o));
  return 0;
}
