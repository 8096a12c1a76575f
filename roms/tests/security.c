/* What the CPU and the GIC say about the Security and Virtualization Extensions, as facts (INFO)
   compared with QEMU 7.2. QEMU's vexpress-a15 gives the CPU EL3 and EL2 and the GIC the Security
   Extensions unless -M vexpress-a15,secure=off; virt has neither. Built for both boards. */
#include "lib.h"

int main(void) {
  section("security: CPU");
  info("ID_PFR1", MRC(0, c0, c1, 1));
  info("ID_DFR0", MRC(0, c0, c1, 2));
  info("CPSR.M", get_cpsr() & 0x1f);

  section("security: GIC distributor");
  u32 typer = rd32(GICD_BASE + 0x004);
  info("GICD_TYPER.SecurityExtn", (typer >> 10) & 1);
  info("GICD_TYPER.CPUNumber", (typer >> 5) & 7);
  info("GICD_IIDR", rd32(GICD_BASE + 0x008));
  wr32(GICD_BASE + 0x000, 3);
  info("GICD_CTLR after writing 3", rd32(GICD_BASE + 0x000));
  wr32(GICD_BASE + 0x000, 0);
  wr32(GICD_BASE + 0x080, 0xffffffff);
  info("GICD_IGROUPR0 after writing ones", rd32(GICD_BASE + 0x080));
  wr32(GICD_BASE + 0x080, 0);

  section("security: GIC CPU interface");
  wr32(GICC_BASE + 0x000, 0x1f);
  info("GICC_CTLR after writing 0x1f", rd32(GICC_BASE + 0x000));
  wr32(GICC_BASE + 0x000, 0);
  info("GICC_IIDR", rd32(GICC_BASE + 0x0fc));
  return finish();
}
