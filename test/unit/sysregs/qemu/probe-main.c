typedef unsigned int u32;
void semi_write0(const char*);
void probe_cp15_pl1(u32*,unsigned char*); void probe_cp15_pl0(u32*,unsigned char*);
void probe_cp14_pl1(u32*,unsigned char*); void probe_cp14_pl0(u32*,unsigned char*);
#define N (16384+256)
static u32 v1[N+256], v0[N+256]; static unsigned char u1[N], u0[N];
static char buf[128];
static char* hex(char*p,u32 v,int n){for(int i=n-1;i>=0;i--){*p++="0123456789abcdef"[(v>>(4*i))&15];}return p;}
static void dump(int cp, void(*f1)(u32*,unsigned char*), void(*f0)(u32*,unsigned char*)){
  f1(v1,u1); f0(v0,u0);
  for(int i=0;i<16384;i++){ if(u1[i]&&u0[i]) continue;
    int crn=i>>10, opc1=(i>>7)&7, crm=(i>>3)&15, opc2=i&7; char*p=buf;
    *p++='R'; *p++=' '; p=hex(p,cp,2); *p++=' '; p=hex(p,crn,1);*p++=' ';p=hex(p,opc1,1);*p++=' ';p=hex(p,crm,1);*p++=' ';p=hex(p,opc2,1);*p++=' ';
    if(u1[i]) {*p++='-';} else p=hex(p,v1[i],8); *p++=' ';
    if(u0[i]) {*p++='-';} else p=hex(p,v0[i],8); *p++='\n'; *p=0; semi_write0(buf);}
  for(int j=0;j<256;j++){ int i=16384+j; if(u1[i]&&u0[i]) continue; int k=16384+2*j; char*p=buf;
    *p++='Q'; *p++=' '; p=hex(p,cp,2); *p++=' '; p=hex(p,j>>4,1);*p++=' ';p=hex(p,j&15,1);*p++=' ';
    if(u1[i]) {*p++='-';} else {p=hex(p,v1[k+1],8);p=hex(p,v1[k],8);} *p++=' ';
    if(u0[i]) {*p++='-';} else {p=hex(p,v0[k+1],8);p=hex(p,v0[k],8);} *p++='\n'; *p=0; semi_write0(buf);}
}
int main(void){ dump(15,probe_cp15_pl1,probe_cp15_pl0); dump(14,probe_cp14_pl1,probe_cp14_pl0); return 0; }
