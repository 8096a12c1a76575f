// Hard-float AArch64 program: printf of double and float arithmetic, libm, conversions and
// integer work; the console and the exit code (3) must be identical under QEMU and armlet.
#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static volatile double dv[] = { 2.0, -0.0, 1e-310, 3.5, 1e300, -7.25 };
static volatile float fv[] = { 2.0f, 0.1f, -1.5f, 1e-40f, 3.4e38f };

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

int main(void) {
  printf("sqrt(2) = %.17g\n", sqrt(dv[0]));
  printf("sin(1) = %.17g cos(1) = %.17g exp(3.5) = %.17g\n", sin(dv[0] / 2), cos(dv[0] / 2), exp(dv[3]));
  printf("log(1e300) = %.17g pow(3.5, -7.25) = %.17g\n", log(dv[4]), pow(dv[3], dv[5]));
  printf("denormal * 2 = %a, -0 + 0 = %a, 1e300 * 1e300 = %g\n", dv[2] * 2, dv[1] + 0.0, dv[4] * dv[4]);
  printf("float: %.9g %.9g %.9g %a\n", fv[0] / fv[1], fv[2] * fv[4], sqrtf(fv[0]), fv[3] * 0.5f);
  printf("fma = %.17g\n", fma(dv[3], dv[5], dv[0]));
  printf("conversions: %lld %llu %d %.17g %.9g\n", (long long)dv[5], (unsigned long long)(dv[4] > 0 ? 1e19 : 0),
         (int)fv[2], (double)(int64_t)-123456789012345LL, (float)(uint64_t)0xfffffffffffULL);
  printf("rounding: %g %g %g %g\n", rint(2.5), nearbyint(-3.5), floor(-7.25), ceil(dv[5]));
  uint64_t h = 0xcbf29ce484222325ULL;
  for (int i = 0; i < 1000; i++) { h ^= (uint64_t)i * 0x9e3779b97f4a7c15ULL; h *= 0x100000001b3ULL; h = (h << 13) | (h >> 51); }
  printf("hash %016llx bits %016llx %016llx\n", (unsigned long long)h, (unsigned long long)bits(sqrt(dv[3])),
         (unsigned long long)bits(dv[4] / 3.0));
  return 3;
}
