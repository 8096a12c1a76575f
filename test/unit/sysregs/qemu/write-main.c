typedef unsigned int u32;
void semi_write0(const char*);
static char buf[64];
static void hex(const char*name,u32 v){char*p=buf;while(*name)*p++=*name++;*p++=' ';for(int i=7;i>=0;i--)*p++="0123456789abcdef"[(v>>(4*i))&15];*p++='\n';*p=0;semi_write0(buf);}
#define RD(cp,o1,n,m,o2) ({u32 _v; asm volatile("mrc p" #cp "," #o1 ",%0,c" #n ",c" #m "," #o2 : "=r"(_v)); _v;})
#define WR(cp,o1,n,m,o2,v) asm volatile("mcr p" #cp "," #o1 ",%0,c" #n ",c" #m "," #o2 :: "r"(v))
#define T(name,cp,o1,n,m,o2,v) do{ WR(cp,o1,n,m,o2,v); hex(name, RD(cp,o1,n,m,o2)); }while(0)
int main(void){
  T("CPACR",15,0,1,0,2,0xffffffff);
  for(u32 i=0;i<18;i++){ WR(15,2,0,0,0,i); hex("CSSELR",RD(15,2,0,0,0)); hex(" CCSIDR",RD(15,1,0,0,0)); }
  T("CSSELR_ff",15,2,0,0,0,0xffffffff);
  WR(15,2,0,0,0,0);
  T("FCSEIDR",15,0,13,0,0,0x12345678);
  T("TPIDRURW",15,0,13,0,2,0xffffffff);
  T("TPIDRURO",15,0,13,0,3,0xffffffff);
  T("TPIDRPRW",15,0,13,0,4,0xffffffff);
  T("ACTLR",15,0,1,0,1,0xffffffff);
  T("PMCR",15,0,9,12,0,0xffffffff);
  T("PMCNTENSET",15,0,9,12,1,0xffffffff);
  hex("PMCNTENCLR",RD(15,0,9,12,2));
  T("PMCNTENCLR",15,0,9,12,2,0x1);
  T("PMOVSR",15,0,9,12,3,0xffffffff);
  T("PMSELR",15,0,9,12,5,0xffffffff);
  T("PMSELR3",15,0,9,12,5,3);
  T("PMXEVTYPER",15,0,9,13,1,0xffffffff);
  T("PMXEVCNTR",15,0,9,13,2,0x12345);
  hex("PMEVTYPER3",RD(15,0,14,12,3)); hex("PMEVCNTR3",RD(15,0,14,8,3));
  T("PMSELR31",15,0,9,12,5,31);
  T("PMXEVTYPER31",15,0,9,13,1,0xffffffff);
  hex("PMCCFILTR",RD(15,0,14,15,7));
  T("PMCCNTR",15,0,9,13,0,0x1000);
  hex("PMCCNTR again",RD(15,0,9,13,0));
  T("PMUSERENR",15,0,9,14,0,0xffffffff);
  T("PMINTENSET",15,0,9,14,1,0xffffffff);
  T("PMINTENCLR",15,0,9,14,2,0x2);
  T("PMOVSSET",15,0,9,14,3,0xffffffff);
  hex("PMOVSR",RD(15,0,9,12,3));
  WR(15,0,9,12,0,0); WR(15,0,9,14,0,0);
  T("CNTKCTL",15,0,14,1,0,0xffffffff);
  T("CNTP_CTL",15,0,14,2,1,0xffffffff);
  T("CNTV_CTL",15,0,14,3,1,0xffffffff);
  T("CNTFRQ",15,0,14,0,0,0x1234);
  T("CNTP_TVAL",15,0,14,2,0,0x100);
  T("DBGBVR0",14,0,0,0,4,0xffffffff);
  T("DBGBCR0",14,0,0,0,5,0xffffffff);
  T("DBGWVR0",14,0,0,0,6,0xffffffff);
  T("DBGWCR0",14,0,0,0,7,0xffffffff);
  T("DBGDSCRext",14,0,0,2,2,0xffffffff);
  hex("DBGDSCRint",RD(14,0,0,1,0));
  T("DBGVCR",14,0,0,7,0,0xffffffff);
  T("OSDLR",14,0,1,3,4,0xffffffff);
  WR(14,0,1,0,4,0xc5acce55); hex("OSLSR after lock",RD(14,0,1,1,4));
  WR(14,0,1,0,4,0); hex("OSLSR after unlock",RD(14,0,1,1,4));
  T("TEECR",14,6,0,0,0,0xffffffff);
  T("TEEHBR",14,6,1,0,0,0xffffffff);
  T("JOSCR",14,7,1,0,0,0xffffffff);
  T("JMCR",14,7,2,0,0,0xffffffff);
  T("L2CTLR",15,1,9,0,2,0xffffffff);
  T("L2ECTLR",15,1,9,0,3,0xffffffff);
  T("WFAR",15,0,6,0,1,0xffffffff);
  T("ADFSR",15,0,5,1,0,0xffffffff);
  T("CBAR",15,4,15,0,0,0xffffffff);
  T("C15x",15,0,15,0,0,0xffffffff);
  T("DUMMYc0c3",15,0,0,3,0,0xffffffff);
  WR(14,6,0,0,0,0);
  return 0;
}
