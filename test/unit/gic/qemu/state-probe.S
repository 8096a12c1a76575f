@ GIC state probe for the arm_gic snapshot tests: puts a GICv2 in a state with every kind of
@ pending interrupt, then spins. Run as a raw kernel image on QEMU 7.2 and on armlet (virt or
@ vexpress-a15, chosen by CBAR), then both GICs are saved and compared byte for byte.
@   SGI 3   sent to self through GICD_SGIR, then acknowledged: active, running priority 0x40
@   SGI 5   pending from CPU 0 through GICD_SPENDSGIR (priority 0x50)
@   PPI 27  the virtual timer's line, high (CVAL 0, enabled, unmasked): pending by level
@   SPI 33  the UART's line on virt (TX interrupt), high: level-triggered, pending by level, latch
@           clear (vexpress-a15's UART0 is ID 37: its line goes high, not enabled)
@   SPI 44  level-triggered, no device: latched by GICD_ISPENDR with its line low
@   SPI 45  edge-triggered, latched by GICD_ISPENDR
@ Position independent, no stack. Build:
@   arm-none-eabi-as -march=armv7-a -o state-probe.o state-probe.S
@   arm-none-eabi-objcopy -O binary state-probe.o state-probe.bin
.syntax unified
.arm
.text
_start:
  mrc p15, 4, r0, c15, c0, 0      @ CBAR: the private peripheral base
  movw r1, #0
  movt r1, #0x0800
  cmp r0, r1
  bne vexpress
  mov r4, r1                      @ virt: GICD 0x08000000, GICC 0x08010000, UART 0x09000000
  movw r5, #0
  movt r5, #0x0801
  movw r6, #0
  movt r6, #0x0900
  b go
vexpress:
  add r4, r0, #0x1000             @ A15MPCore: GICD at +0x1000, GICC at +0x2000
  add r5, r0, #0x2000
  movw r6, #0
  movt r6, #0x1c09                @ UART0 0x1c090000
go:
  mov r0, #1
  str r0, [r4]                    @ GICD_CTLR: Group 0 on
  str r0, [r5]                    @ GICC_CTLR: Group 0 on
  mov r0, #0xf0
  str r0, [r5, #0x4]              @ GICC_PMR
  mov r0, #0x40
  strb r0, [r4, #0x403]           @ priorities: SGI 3
  mov r0, #0x50
  strb r0, [r4, #0x405]           @ SGI 5
  mov r0, #0x80
  strb r0, [r4, #0x41b]           @ PPI 27
  mov r0, #0xa0
  strb r0, [r4, #0x421]           @ SPI 33
  mov r0, #0x90
  strb r0, [r4, #0x42c]           @ SPI 44
  mov r0, #0x98
  strb r0, [r4, #0x42d]           @ SPI 45
  mov r0, #1
  strb r0, [r4, #0x821]           @ targets CPU 0 (RAZ/WI on a uniprocessor GIC)
  strb r0, [r4, #0x82c]
  strb r0, [r4, #0x82d]
  mov r0, #(2 << 26)
  str r0, [r4, #0xc08]            @ GICD_ICFGR2: SPI 45 edge-triggered
  mov r0, #(1 << 27)
  str r0, [r4, #0x100]            @ enable PPI 27
  movw r0, #((1 << 1) | (1 << 12) | (1 << 13))
  str r0, [r4, #0x104]            @ enable SPIs 33, 44, 45
  mov r0, #0
  mcrr p15, 3, r0, r0, c14        @ CNTV_CVAL = 0
  mov r0, #1
  mcr p15, 0, r0, c14, c3, 1      @ CNTV_CTL: enabled, unmasked: the line goes high
  isb
  mov r0, #10
  str r0, [r6]                    @ UARTDR: TX interrupt raw status
  mov r0, #0x20
  str r0, [r6, #0x38]             @ UARTIMSC.TXIM: the UART's line goes high
  movw r0, #((1 << 12) | (1 << 13))
  str r0, [r4, #0x204]            @ GICD_ISPENDR1: latch SPIs 44 and 45
  movw r0, #3
  movt r0, #0x0200
  str r0, [r4, #0xf00]            @ GICD_SGIR: SGI 3 to this CPU only
  mov r0, #1
  strb r0, [r4, #0xf25]           @ GICD_SPENDSGIR1 byte 1: SGI 5 pending from CPU 0
  ldr r7, [r5, #0xc]              @ GICC_IAR: take SGI 3 (priority 0x40), leave it active
1:
  b 1b
