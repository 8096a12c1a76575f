// The ITS command queue and commands as QEMU 7.2's TCG ITS runs them (hw/intc/arm_gicv3_its.c):
// every command between CREADR and CWRITER runs at once. A memory error stalls the queue
// (CREADR.Stalled, CREADR left at the command); a bad parameter is logged and the command is
// skipped. The GICv4 commands (VMAPP, VMOVP, VSYNC...) are skipped: this ITS is GICv3 only
// (GITS_TYPER.Virtual 0), as QEMU's is with gic-version=3.
import type { GicV3LpiTarget } from "./lpi-target.js";
import {
  type CmdQueueDesc, type CTEntry, type DTEntry, type ItsMemory, type ITEntry, type TableDesc,
  CMDQ_ENTRY_SIZE, ITE_INVALID, readCte, readDte, readIte, writeCte, writeDte, writeIte,
} from "./its-tables.js";

/** What a command leaves the queue to do (QEMU's ItsCmdResult). */
export const enum CmdResult { Stall = 0, Continue = 1, ContinueOk = 2 }

export const ITS_CMD = {
  MOVI: 0x01, INT: 0x03, CLEAR: 0x04, SYNC: 0x05, MAPD: 0x08, MAPC: 0x09, MAPTI: 0x0a, MAPI: 0x0b,
  INV: 0x0c, INVALL: 0x0d, MOVALL: 0x0e, DISCARD: 0x0f,
  VMOVI: 0x21, VMOVP: 0x22, VSYNC: 0x25, VMAPP: 0x29, VMAPTI: 0x2a, VMAPI: 0x2b, VINVALL: 0x2d,
} as const;

/** LPI INTIDs: 8192 up to GICD_TYPER.IDbits (16 bits of INTID). */
const LPI_FIRST = 8192;
const LPI_LIMIT = 1 << 16;
const INTID_SPURIOUS = 1023;
/** GITS_TYPER.IDbits: MAPD's Size may not exceed it. */
export const ITS_IDBITS = 15;

/** Everything a command touches. */
export interface ItsContext {
  mem: ItsMemory;
  target: GicV3LpiTarget;
  dt: TableDesc;
  ct: TableDesc;
  log(msg: string): void;
}

/** How an LPI request came: a TRANSLATER write, or the INT / CLEAR / DISCARD commands. */
export const enum LpiRequest { Translate, Clear, Discard, Interrupt }

const lo32 = (v: bigint): number => Number(v & 0xffffffffn);
const hi32 = (v: bigint): number => Number((v >> 32n) & 0xffffffffn);
const field = (v: bigint, lo: number, len: number): number => Number((v >> BigInt(lo)) & ((1n << BigInt(len)) - 1n));

interface Found { result: CmdResult; dte?: DTEntry; ite?: ITEntry; cte?: CTEntry }

/** lookup_ite: the DTE and a valid ITE for (DeviceID, EventID). */
function lookupIte(c: ItsContext, who: string, devid: number, eventid: number): Found {
  if (devid >= c.dt.numEntries) return skip(c, `${who}: invalid command attributes: devid ${devid}>=${c.dt.numEntries}`);
  const dte = readDte(c.mem, c.dt, devid);
  if (!dte) return { result: CmdResult.Stall };
  if (!dte.valid) return skip(c, `${who}: invalid command attributes: invalid dte for ${devid}`);
  if (eventid >= 2 ** (dte.size + 1)) return skip(c, `${who}: invalid command attributes: eventid ${eventid} >= ${2 ** (dte.size + 1)}`);
  const ite = readIte(c.mem, dte, eventid);
  if (!ite) return { result: CmdResult.Stall };
  if (!ite.valid) return skip(c, `${who}: invalid command attributes: invalid ITE`);
  return { result: CmdResult.ContinueOk, dte, ite };
}

/** lookup_cte: a valid collection whose RDbase names a redistributor. */
function lookupCte(c: ItsContext, who: string, icid: number): Found {
  if (icid >= c.ct.numEntries) return skip(c, `${who}: invalid ICID 0x${icid.toString(16)}`);
  const cte = readCte(c.mem, c.ct, icid);
  if (!cte) return { result: CmdResult.Stall };
  if (!cte.valid) return skip(c, `${who}: invalid CTE`);
  if (cte.rdbase >= c.target.redistributorCount) return { result: CmdResult.Continue };
  return { result: CmdResult.ContinueOk, cte };
}

function skip(c: ItsContext, msg: string): Found {
  c.log(msg);
  return { result: CmdResult.Continue };
}

const cpuOf = (c: ItsContext, rdbase: number): number => c.target.cpuForRdbase(rdbase) ?? rdbase;

/** do_process_its_cmd: an event becomes its LPI set (or cleared) on its collection's redistributor. */
export function processEvent(c: ItsContext, devid: number, eventid: number, req: LpiRequest): CmdResult {
  const found = lookupIte(c, "process_its_cmd", devid, eventid);
  if (found.result !== CmdResult.ContinueOk) return found.result;
  const { dte, ite } = found as Required<Found>;
  if (!ite.physical) {
    // a virtual ITE: only a guest scribbling on the table makes one here
    c.log(`process_its_cmd: invalid type 0 in ITE (table corrupted?)`);
    return CmdResult.Continue;
  }
  const col = lookupCte(c, "process_its_cmd_phys", ite.icid);
  if (col.result !== CmdResult.ContinueOk) return col.result;
  const level = !(req === LpiRequest.Clear || req === LpiRequest.Discard);
  c.target.processLpi(cpuOf(c, col.cte!.rdbase), ite.intid, level);
  if (req === LpiRequest.Discard) return writeIte(c.mem, dte, eventid, ITE_INVALID) ? CmdResult.ContinueOk : CmdResult.Stall;
  return CmdResult.ContinueOk;
}

function mapti(c: ItsContext, cmd: readonly bigint[], ignorePintid: boolean): CmdResult {
  const devid = hi32(cmd[0]);
  const eventid = lo32(cmd[1]);
  const icid = field(cmd[2], 0, 16);
  const intid = ignorePintid ? eventid : hi32(cmd[1]);
  const who = ignorePintid ? "process_mapi" : "process_mapti";
  if (devid >= c.dt.numEntries) return skip(c, `${who}: invalid command attributes: devid ${devid}>=${c.dt.numEntries}`).result;
  const dte = readDte(c.mem, c.dt, devid);
  if (!dte) return CmdResult.Stall;
  if (icid >= c.ct.numEntries) return skip(c, `${who}: invalid ICID 0x${icid.toString(16)}`).result;
  if (!dte.valid) return skip(c, `${who}: no valid DTE for devid 0x${devid.toString(16)}`).result;
  if (eventid >= 2 ** (dte.size + 1)) return skip(c, `${who}: invalid event ID 0x${eventid.toString(16)}`).result;
  if (intid < LPI_FIRST || intid >= LPI_LIMIT) return skip(c, `${who}: invalid interrupt ID 0x${intid.toString(16)}`).result;
  const ite: ITEntry = { valid: true, physical: true, intid, icid, vpeid: 0, doorbell: INTID_SPURIOUS };
  return writeIte(c.mem, dte, eventid, ite) ? CmdResult.ContinueOk : CmdResult.Stall;
}

function mapc(c: ItsContext, cmd: readonly bigint[]): CmdResult {
  const icid = field(cmd[2], 0, 16);
  const valid = (cmd[2] >> 63n) === 1n;
  // RDbase is bits [47:16]; only its low 16 bits (a processor number) are kept
  const rdbase = valid ? field(cmd[2], 16, 16) : 0;
  if (icid >= c.ct.numEntries) return skip(c, `ITS MAPC: invalid ICID 0x${icid.toString(16)}`).result;
  if (valid && rdbase >= c.target.redistributorCount) return skip(c, `ITS MAPC: invalid RDBASE ${rdbase}`).result;
  return writeCte(c.mem, c.ct, icid, { valid, rdbase }) ? CmdResult.ContinueOk : CmdResult.Stall;
}

function mapd(c: ItsContext, cmd: readonly bigint[]): CmdResult {
  const devid = hi32(cmd[0]);
  const size = field(cmd[1], 0, 5);
  const ittAddr = field(cmd[2], 8, 44) * 256;
  const valid = (cmd[2] >> 63n) === 1n;
  if (devid >= c.dt.numEntries) return skip(c, `ITS MAPD: invalid device ID field 0x${devid.toString(16)} >= 0x${c.dt.numEntries.toString(16)}`).result;
  if (size > ITS_IDBITS) return skip(c, `ITS MAPD: invalid size ${size}`).result;
  return writeDte(c.mem, c.dt, devid, { valid, size, ittAddr }) ? CmdResult.ContinueOk : CmdResult.Stall;
}

function movall(c: ItsContext, cmd: readonly bigint[]): CmdResult {
  const rd1 = field(cmd[2], 16, 36);
  const rd2 = field(cmd[3], 16, 36);
  const n = c.target.redistributorCount;
  if (rd1 >= n) return skip(c, `process_movall: RDBASE1 ${rd1} out of range (must be less than ${n})`).result;
  if (rd2 >= n) return skip(c, `process_movall: RDBASE2 ${rd2} out of range (must be less than ${n})`).result;
  if (rd1 !== rd2) c.target.moveAllLpis(cpuOf(c, rd1), cpuOf(c, rd2));
  return CmdResult.ContinueOk;
}

function movi(c: ItsContext, cmd: readonly bigint[]): CmdResult {
  const devid = hi32(cmd[0]);
  const eventid = lo32(cmd[1]);
  const newIcid = field(cmd[2], 0, 16);
  const found = lookupIte(c, "process_movi", devid, eventid);
  if (found.result !== CmdResult.ContinueOk) return found.result;
  const { dte, ite } = found as Required<Found>;
  if (!ite.physical) return skip(c, "process_movi: invalid command attributes: invalid ITE").result;
  const from = lookupCte(c, "process_movi", ite.icid);
  if (from.result !== CmdResult.ContinueOk) return from.result;
  const to = lookupCte(c, "process_movi", newIcid);
  if (to.result !== CmdResult.ContinueOk) return to.result;
  if (from.cte!.rdbase !== to.cte!.rdbase) c.target.moveLpi(cpuOf(c, from.cte!.rdbase), cpuOf(c, to.cte!.rdbase), ite.intid);
  return writeIte(c.mem, dte, eventid, { ...ite, icid: newIcid }) ? CmdResult.ContinueOk : CmdResult.Stall;
}

function inv(c: ItsContext, cmd: readonly bigint[]): CmdResult {
  const found = lookupIte(c, "process_inv", hi32(cmd[0]), lo32(cmd[1]));
  if (found.result !== CmdResult.ContinueOk) return found.result;
  if (!found.ite!.physical) return skip(c, "process_inv: invalid type 0 in ITE (table corrupted?)").result;
  const col = lookupCte(c, "process_inv", found.ite!.icid);
  if (col.result !== CmdResult.ContinueOk) return col.result;
  c.target.updateLpis(cpuOf(c, col.cte!.rdbase)); // gicv3_redist_inv_lpi: a full rescan
  return CmdResult.ContinueOk;
}

/** One command (four doublewords) run: what the queue does next. */
export function runCommand(c: ItsContext, cmd: readonly bigint[]): CmdResult {
  const op = Number(cmd[0] & 0xffn);
  switch (op) {
    case ITS_CMD.INT: return processEvent(c, hi32(cmd[0]), lo32(cmd[1]), LpiRequest.Interrupt);
    case ITS_CMD.CLEAR: return processEvent(c, hi32(cmd[0]), lo32(cmd[1]), LpiRequest.Clear);
    case ITS_CMD.DISCARD: return processEvent(c, hi32(cmd[0]), lo32(cmd[1]), LpiRequest.Discard);
    case ITS_CMD.SYNC: return CmdResult.ContinueOk; // every command has already taken effect
    case ITS_CMD.MAPD: return mapd(c, cmd);
    case ITS_CMD.MAPC: return mapc(c, cmd);
    case ITS_CMD.MAPTI: return mapti(c, cmd, false);
    case ITS_CMD.MAPI: return mapti(c, cmd, true);
    case ITS_CMD.INV: return inv(c, cmd);
    case ITS_CMD.INVALL:
      // QEMU rescans every redistributor, whatever the collection
      for (let cpu = 0; cpu < c.target.redistributorCount; cpu++) c.target.updateLpis(cpu);
      return CmdResult.ContinueOk;
    case ITS_CMD.MOVI: return movi(c, cmd);
    case ITS_CMD.MOVALL: return movall(c, cmd);
    // GICv4 commands on a GICv3 ITS: skipped with no effect
    case ITS_CMD.VMOVI: case ITS_CMD.VMOVP: case ITS_CMD.VSYNC: case ITS_CMD.VMAPP:
    case ITS_CMD.VMAPTI: case ITS_CMD.VMAPI: case ITS_CMD.VINVALL:
      return CmdResult.Continue;
    default: return CmdResult.ContinueOk; // unknown: ignored (QEMU only traces it)
  }
}

/** The queue's registers the processing reads and moves on. */
export interface CommandQueueRegs { cwriter: bigint; creadr: bigint }

const OFFSET_MASK = 0x7fffn << 5n;
const STALLED = 1n;

/**
 * process_cmdq: run commands from CREADR up to CWRITER. Nothing happens when an offset is past
 * the queue. On a stall CREADR.Stalled is set and CREADR stays at the failing command; QEMU
 * never clears Stalled here, and a later CWRITER write tries the command again.
 */
export function processQueue(c: ItsContext, q: CmdQueueDesc, regs: CommandQueueRegs): void {
  const wr = field(regs.cwriter, 5, 15);
  if (wr >= q.numEntries) { c.log(`process_cmdq: invalid write offset ${wr}`); return; }
  let rd = field(regs.creadr, 5, 15);
  if (rd >= q.numEntries) { c.log(`process_cmdq: invalid read offset ${rd}`); return; }
  while (wr !== rd) {
    const bytes = c.mem.read(q.baseAddr + rd * CMDQ_ENTRY_SIZE, CMDQ_ENTRY_SIZE);
    if (!bytes) {
      regs.creadr |= STALLED;
      c.log(`process_cmdq: could not read command at 0x${(q.baseAddr + rd * CMDQ_ENTRY_SIZE).toString(16)}`);
      return;
    }
    const dv = new DataView(bytes.buffer, bytes.byteOffset, CMDQ_ENTRY_SIZE);
    const cmd = [0, 1, 2, 3].map((i) => dv.getBigUint64(i * 8, true));
    const result = runCommand(c, cmd);
    if (result === CmdResult.Stall) {
      regs.creadr |= STALLED;
      c.log(`process_cmdq: 0x${Number(cmd[0] & 0xffn).toString(16)} cmd processing failed, stalling`);
      return;
    }
    rd = (rd + 1) % q.numEntries;
    regs.creadr = (regs.creadr & ~OFFSET_MASK) | (BigInt(rd) << 5n);
  }
}
