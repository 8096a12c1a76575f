// Device accesses through the host (core/host.ts mmioRead/mmioWrite) and their outcome. The
// host flags an access nothing answered (an unassigned address) in BUS_STATUS; what the CPU
// makes of it depends on the board, as in QEMU: boards that predate external aborts for bus
// errors (vexpress-a15: ignore_memory_transaction_failures) read zero and drop writes, the others
// (virt) take a synchronous external abort. Table walks always abort (QEMU checks the walk's
// transaction result itself).
import { BUS_STATUS } from "../state/layout";
import { mmioRead, mmioWrite } from "../host";

/** The board ignores failed CPU transactions (QEMU MachineClass.ignore_memory_transaction_failures). */
export let ignoreBusErrors: bool = false;
export function setIgnoreBusErrors(on: bool): void { ignoreBusErrors = on; }

/** Set by busRead/busWrite: the access failed (read and cleared from BUS_STATUS). */
export let busFailed: bool = false;

@inline function takeStatus(): void {
  const st = load<u32>(BUS_STATUS);
  busFailed = st != 0;
  if (busFailed) store<u32>(BUS_STATUS, 0);
}

/** Read `size` bytes from the device at physical hi:lo; busFailed tells whether anything answered. */
export function busRead(paLo: u32, paHi: u32, size: i32): u32 {
  const v = mmioRead(paLo, paHi, size);
  takeStatus();
  return v;
}

export function busWrite(paLo: u32, paHi: u32, size: i32, v: u32): void {
  mmioWrite(paLo, paHi, size, v);
  takeStatus();
}
