/* The virtio console as kvm-unit-tests' chr-testdev uses it (lib/chr-testdev.c, lib/virtio-mmio.c):
   find the virtio-serial-device among virt's 32 virtio-mmio transports, print what it reports
   (features, config space, queue sizes), then bind port 0 the way kvm-unit-tests does (legacy
   queues 0 and 1, no status or feature writes at all) and write to the testdev chardev:
   "4x" (a packet testdev ignores), an emergency write of ' ' through the config space, then
   "3q", on which QEMU exits with status (3 << 1) | 1 = 7. Run with
     -device virtio-serial-device -device virtconsole,chardev=ctd -chardev testdev,id=ctd
   Without the device it prints what it found and passes (exit 0); if the run goes on after "3q"
   it fails (semihosting exit 1). */
#include "lib.h"

#define MMIO_BASE 0x0a000000u
#define MMIO_SIZE 0x200u
#define MMIO_COUNT 32
enum {
  MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c, DEVICE_FEATURES = 0x010,
  DEVICE_FEATURES_SEL = 0x014, GUEST_PAGE_SIZE = 0x028, QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034,
  QUEUE_NUM = 0x038, QUEUE_ALIGN = 0x03c, QUEUE_PFN = 0x040, QUEUE_NOTIFY = 0x050, STATUS = 0x070,
  CONFIG = 0x100,
};
#define VIRTIO_ID_CONSOLE 3
#define QNUM 64 /* kvm-unit-tests' VIRTIO_MMIO_QUEUE_NUM_MIN */
#define PAGE 4096u

struct desc { u64 addr; u32 len; u16 flags, next; };
struct vq { struct desc *desc; volatile u16 *avail; volatile u16 *used; u16 avail_idx, last_used; };

/* Two legacy rings (desc table + avail ring in the first page, used ring in the second). */
static u8 rings[2][2 * PAGE] __attribute__((aligned(PAGE)));
static struct vq vqs[2];
static char bufs[4][8];

static inline u8 rd8(u32 a) { return *(volatile u8 *)a; }
static inline void wr8(u32 a, u8 v) { *(volatile u8 *)a = v; }

static void setup_queue(u32 base, u32 q) {
  wr32(base + QUEUE_SEL, q);
  check("queue PFN is 0 before setup", rd32(base + QUEUE_PFN), 0);
  wr32(base + QUEUE_NUM, QNUM);
  wr32(base + QUEUE_ALIGN, PAGE);
  wr32(base + QUEUE_PFN, (u32)rings[q] / PAGE);
  struct vq *v = &vqs[q];
  v->desc = (struct desc *)rings[q];
  v->avail = (volatile u16 *)(rings[q] + QNUM * sizeof(struct desc));
  /* vring_init: the used ring starts at the next `align` boundary after avail->ring[num] + u16. */
  u32 end = (u32)(v->avail + 2 + QNUM) + 2;
  v->used = (volatile u16 *)((end + PAGE - 1) & ~(PAGE - 1));
}

/* Queue one device-readable buffer on queue 1 and kick it; returns the used length (or ~0). */
static u32 send(u32 base, const char *s, int slot) {
  struct vq *v = &vqs[1];
  u32 n = 0;
  while (s[n]) { bufs[slot][n] = s[n]; n++; }
  u16 head = (u16)slot;
  v->desc[head].addr = (u32)bufs[slot];
  v->desc[head].len = n;
  v->desc[head].flags = 0;
  v->desc[head].next = 0;
  v->avail[2 + (v->avail_idx % QNUM)] = head;
  DSB();
  v->avail_idx++;
  v->avail[1] = v->avail_idx;
  DSB();
  wr32(base + QUEUE_NOTIFY, 1);
  for (u32 spin = 0; spin < 1000000; spin++) {
    if (v->used[1] != v->last_used) {
      u32 slot_used = v->last_used % QNUM;
      volatile u32 *elem = (volatile u32 *)(v->used + 2) + 2 * slot_used;
      v->last_used++;
      return elem[1];
    }
  }
  return 0xffffffffu;
}

int main(void) {
  section("chr-testdev: virtio-mmio transports");
  u32 base = 0;
  int found = -1;
  for (int i = 0; i < MMIO_COUNT; i++) {
    u32 b = MMIO_BASE + (u32)i * MMIO_SIZE;
    if (rd32(b + MAGIC) != 0x74726976u) continue;
    if (found < 0 && rd32(b + DEVICE_ID) == VIRTIO_ID_CONSOLE) { found = i; base = b; }
  }
  if (found < 0) {
    info("no virtio console: transports scanned", MMIO_COUNT);
    return finish();
  }
  info("console transport", (u32)found);
  info("version", rd32(base + VERSION));
  info("vendor", rd32(base + VENDOR_ID));
  wr32(base + DEVICE_FEATURES_SEL, 0);
  info("device features[0]", rd32(base + DEVICE_FEATURES));
  wr32(base + DEVICE_FEATURES_SEL, 1);
  info("device features[1]", rd32(base + DEVICE_FEATURES));
  info("status", rd32(base + STATUS));

  section("config space");
  info("cols (u16)", rd32(base + CONFIG) & 0xffff);
  info("rows (u16)", rd32(base + CONFIG) >> 16);
  info("max_nr_ports", rd32(base + CONFIG + 4));
  info("emerg_wr", rd32(base + CONFIG + 8));
  info("byte 4", rd8(base + CONFIG + 4));
  info("byte 12 (past the end)", rd8(base + CONFIG + 12));
  info("word 12 (past the end)", rd32(base + CONFIG + 12));

  section("queues");
  const u32 qs[] = { 0, 1, 2, 3, 4, 5, 62, 63, 64, 65 };
  for (unsigned i = 0; i < sizeof qs / sizeof qs[0]; i++) {
    wr32(base + QUEUE_SEL, qs[i]);
    puts("INFO queue "); putdec(qs[i]); puts(" num max = "); puthex(rd32(base + QUEUE_NUM_MAX)); newline();
  }

  section("bind port 0 as kvm-unit-tests");
  wr32(base + GUEST_PAGE_SIZE, PAGE);
  setup_queue(base, 0);
  setup_queue(base, 1);
  info("status after queue setup", rd32(base + STATUS));
  info("used len of \"4x\"", send(base, "4x", 0));
  wr8(base + CONFIG + 8, ' '); /* emergency write: a space, which testdev keeps waiting */
  info("emerg_wr after an emergency write", rd32(base + CONFIG + 8));
  puts("writing 3q\n");
  send(base, "3q", 1);
  check_true("the run ended on 3q", 0);
  return finish();
}
