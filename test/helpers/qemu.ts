// How the tests and benchmarks start QEMU 7.2, the reference. Every QEMU gets `-nic none`:
// virt's default NIC needs efi-virtio.rom (package ipxe-qemu), which CI does not install,
// and a comparison must not depend on a network card anyway.
export const QEMU_SYSTEM_ARM = process.env.ARMLET_QEMU_ARM ?? "qemu-system-arm";
/** The 64-bit system emulator (the Cortex-A57 reference). */
export const QEMU_SYSTEM_AARCH64 = process.env.ARMLET_QEMU_AARCH64 ?? "qemu-system-aarch64";

/** Options every QEMU run starts with. */
export const QEMU_COMMON_ARGS: readonly string[] = ["-nic", "none"];

/** The full argument list for a QEMU run: the common options, then `args`. */
export function qemuArgv(args: readonly string[]): string[] {
  return [...QEMU_COMMON_ARGS, ...args];
}
