/* Runs the GIC probe script (ops.h, from script.txt) on qemu-system-arm -M virt and prints
   one hex value per read. GIC distributor 0x08000000, CPU interface 0x08010000, PL011
   0x09000000 (SPI 1 = ID 33), virtual timer PPI 27. */
typedef unsigned int u32;
void semi_write0(const char*);
struct op { u32 kind, off, val, size; };
#include "ops.h"
#ifndef DIST /* -M virt; vexpress-a15: -DDIST=0x2c001000u -DCPUI=0x2c002000u -DUART=0x1c090000u */
#define DIST 0x08000000u
#define CPUI 0x08010000u
#define UART 0x09000000u
#endif
static char buf[16];
static void out(u32 v){ char*p=buf; for(int i=7;i>=0;i--) *p++="0123456789abcdef"[(v>>(4*i))&15]; *p++='\n'; *p=0; semi_write0(buf); }
static u32 rd(u32 a, u32 size){
  if(size==1) return *(volatile unsigned char*)a;
  if(size==2) return *(volatile unsigned short*)a;
  return *(volatile u32*)a; }
static void wr(u32 a, u32 v, u32 size){
  if(size==1) *(volatile unsigned char*)a=v;
  else if(size==2) *(volatile unsigned short*)a=v;
  else *(volatile u32*)a=v; }
int main(void){
  u32 zero=0;
  __asm__ volatile("mcrr p15,3,%0,%0,c14; isb" :: "r"(zero)); /* CNTV_CVAL = 0 */
  __asm__ volatile("mcr p15,0,%0,c14,c3,1; isb" :: "r"(2u));  /* CNTV_CTL: disabled, masked */
  *(volatile u32*)(UART+0x000) = '\n';                         /* PL011 TX interrupt raw status set */
  *(volatile u32*)(UART+0x038) = 0;
  for(unsigned i=0;i<sizeof ops/sizeof ops[0];i++){ const struct op*o=&ops[i]; u32 v;
    switch(o->kind){
    case 1: out(rd(DIST+o->off,o->size)); break;
    case 2: wr(DIST+o->off,o->val,o->size); break;
    case 3: out(rd(CPUI+o->off,4)); break;
    case 4: wr(CPUI+o->off,o->val,4); break;
    case 5: __asm__ volatile("isb; mrc p15,0,%0,c12,c1,0" : "=r"(v)); out(v); break;
    case 6: __asm__ volatile("mcr p15,0,%0,c14,c3,1; isb" :: "r"(o->val ? 1u : 3u)); break;
    case 7: *(volatile u32*)(UART+0x038) = o->val ? 0x20 : 0; break;
    } }
  return 0; }
