void semi_write0(const char*);
void run_pl0(unsigned char*);
static unsigned char res[7*56]; static char buf[128];
int main(void){ run_pl0(res); for(int c=0;c<7;c++){ char*p=buf; for(int i=0;i<56;i++) *p++ = res[c*56+i] ? 'U' : '.'; *p++='\n'; *p=0; semi_write0(buf);} return 0; }
