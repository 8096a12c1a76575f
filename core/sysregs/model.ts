// Which CPU the core is: the system-register table answers with that model's registers and values
// (ID registers, reset values; rows of the other model are UNDEFINED). The host sets it before
// cpuReset; it stays for the life of the machine.
export const CPU_A15: u32 = 0; // Cortex-A15 (ARMv7, AArch32)
export const CPU_A57: u32 = 1; // Cortex-A57 (ARMv8, AArch64 at EL0/EL1)

export let cpuModel: u32 = CPU_A15;
export function setCpuModel(m: u32): void { cpuModel = m == CPU_A57 ? CPU_A57 : CPU_A15; }
