// QEMU 7.2's migration stream as a whole (../shared/spec/stream-format.md): header, the
// configuration record, the `ram` section (START with the block list, one END with every page),
// one FULL record per device section, EOF, and the JSON description of the device sections.
// Reading decodes every section into staging state (never the live machine) and checks every
// footer, so a caller can validate a whole stream before applying any of it.
import { ByteReader, ByteWriter, StreamError } from "./bytes.js";
import { decodeByDescription, decodeVmsd, encodeVmsd, type VmsdJson } from "./codec.js";
import { readRamPages, readRamSetup, RAM_SECTION, writeRamPages, writeRamSetup, type RamBlock, type RamImage } from "./ram.js";
import type { VmsdDecl } from "./vmstate.js";

export const QEVM_MAGIC = 0x5145564d;
export const QEVM_VERSION = 3;
const REC = { EOF: 0x00, START: 0x01, PART: 0x02, END: 0x03, FULL: 0x04, SUB: 0x05, VMDESC: 0x06, CONFIG: 0x07, COMMAND: 0x08, FOOTER: 0x7e } as const;

export interface StreamSection { idstr: string; instanceId: number; decl: VmsdDecl; state: any }
export interface StreamContent {
  /** QEMU's versioned machine type name (virt-7.2, vexpress-a15). */
  machineType: string;
  /** Target page bits: 12 on virt, 10 on vexpress-a15. */
  pageBits: number;
  ram: readonly RamBlock[];
  sections: readonly StreamSection[];
}

/** The stream's trailing JSON: one entry per FULL section. */
export interface DeviceJson extends VmsdJson { name: string; instance_id: number }
export interface VmDescription { page_size: number; devices: DeviceJson[] }

/** QEMU's JSON writer style: ", " and ": " separators, no newlines. */
export function qemuJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(qemuJson).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{${Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${JSON.stringify(k)}: ${qemuJson(x)}`).join(", ")}}`;
  }
  return JSON.stringify(v);
}

/** Write a whole stream to `sink` in chunks (RAM pages are copied once, into the chunk). */
export function writeStream(c: StreamContent, sink: (chunk: Uint8Array) => void): void {
  const CHUNK = 4 << 20;
  let w = new ByteWriter(CHUNK + 65536);
  const flush = (force = false) => {
    if (w.length === 0 || (!force && w.length < CHUNK)) return;
    sink(w.view().slice());
    w = new ByteWriter(CHUNK + 65536);
  };
  w.u32(QEVM_MAGIC);
  w.u32(QEVM_VERSION);
  // Configuration: the machine type; the page-bits subsection when above ARM's minimum of 10.
  w.u8(REC.CONFIG);
  const name = Buffer.from(c.machineType, "latin1");
  w.u32(name.length);
  w.bytes(name);
  if (c.pageBits > 10) {
    w.u8(REC.SUB);
    w.shortString("configuration/target-page-bits");
    w.u32(1);
    w.u32(c.pageBits);
  }
  let sectionId = 0;
  const ramId = sectionId++;
  const header = (type: number, id: number, idstr: string, instance: number, version: number) => {
    w.u8(type); w.u32(id); w.shortString(idstr); w.u32(instance); w.u32(version);
  };
  const footer = (id: number) => { w.u8(REC.FOOTER); w.u32(id); };
  header(REC.START, ramId, RAM_SECTION.idstr, RAM_SECTION.instanceId, RAM_SECTION.version);
  writeRamSetup(w, c.ram, 1 << c.pageBits);
  footer(ramId);
  w.u8(REC.END);
  w.u32(ramId);
  writeRamPages(c.ram, 1 << c.pageBits, () => flush(), () => w, (p) => w.bytes(p));
  footer(ramId);
  const devices: DeviceJson[] = [];
  for (const s of c.sections) {
    const id = sectionId++;
    header(REC.FULL, id, s.idstr, s.instanceId, s.decl.version);
    const desc = encodeVmsd(w, s.decl, s.state);
    footer(id);
    devices.push({ name: s.idstr, instance_id: s.instanceId, ...desc });
    flush();
  }
  w.u8(REC.EOF);
  const json = Buffer.from(qemuJson({ page_size: 1 << c.pageBits, devices }), "utf8");
  w.u8(REC.VMDESC);
  w.u32(json.length);
  w.bytes(json);
  flush(true);
}

// ---- reading ----

/** What the reader decodes a FULL section into, if the machine declared that section. */
/** desc: the section's description in the stream's JSON, when it has one (sizes of configuration-dependent arrays). */
export type SectionResolver = (idstr: string, instanceId: number, version: number, desc?: DeviceJson) => { decl: VmsdDecl; state: any } | undefined;

export interface ParsedSection {
  idstr: string;
  instanceId: number;
  version: number;
  /** Byte range of the payload in the stream. */
  offset: number;
  end: number;
  /** The staging state the resolver gave, now filled from the stream. */
  state?: any;
  /** Sections the machine did not declare: values read through the stream's JSON. */
  values?: Record<string, unknown>;
}

export interface ParsedStream {
  machineType: string;
  pageBits: number;
  ram: RamImage;
  sections: ParsedSection[];
  vmdesc?: VmDescription;
  /** Records other than RAM and FULL sections that were skipped (none in a plain file). */
  size: number;
  /** The iterative `ram` section: where its first payload starts and its payload bytes in all. */
  ramSection?: { version: number; offset: number; bytes: number };
}

/** Locate the trailing VMDESCRIPTION record: 0x06, be32 length, JSON that ends the file. */
export function findVmdesc(buf: Uint8Array): { desc: VmDescription; start: number } | undefined {
  const limit = Math.max(0, buf.length - (64 << 20));
  for (let i = buf.length - 6; i >= limit; i--) {
    if (buf[i] !== REC.VMDESC || buf[i + 5] !== 0x7b /* { */) continue;
    const len = ((buf[i + 1] << 24) | (buf[i + 2] << 16) | (buf[i + 3] << 8) | buf[i + 4]) >>> 0;
    if (i + 5 + len !== buf.length) continue;
    try {
      const desc = JSON.parse(Buffer.from(buf.subarray(i + 5)).toString("utf8")) as VmDescription;
      if (desc && Array.isArray(desc.devices)) return { desc, start: i };
    } catch { /* not it */ }
  }
  return undefined;
}

function checkDescShape(d: unknown, where: string, at: number): void {
  const ok = (x: any): boolean => x && typeof x.vmsd_name === "string" && Array.isArray(x.fields) &&
    x.fields.every((f: any) => f && typeof f.name === "string" && typeof f.type === "string" && Number.isSafeInteger(f.size) && f.size >= 0 &&
      (f.array_len === undefined || (Number.isSafeInteger(f.array_len) && f.array_len >= 0)) && (f.struct === undefined || ok(f.struct))) &&
    (x.subsections === undefined || (Array.isArray(x.subsections) && x.subsections.every(ok)));
  if (!ok(d)) throw new StreamError(at, `${where}: malformed description in the stream's JSON`);
}

/** Parse and validate a whole stream; FULL sections are decoded into the resolver's staging state. */
export function readStream(buf: Uint8Array, resolve: SectionResolver): ParsedStream {
  const found = findVmdesc(buf);
  const end = found ? found.start : buf.length;
  const r = new ByteReader(buf, 0, end);
  const magic = r.u32("magic");
  if (magic !== QEVM_MAGIC) r.fail(`not a QEMU migration stream (magic 0x${magic.toString(16).padStart(8, "0")}, expected 0x5145564d "QEVM")`, 0);
  const version = r.u32("stream version");
  if (version !== QEVM_VERSION) r.fail(`stream version ${version} (only version 3 is supported)`, 4);
  const parsed: ParsedStream = { machineType: "", pageBits: 10, ram: { blocks: [], pages: [] }, sections: [], vmdesc: found?.desc, size: buf.length };
  const byName = new Map<string, DeviceJson>();
  for (const d of found?.desc.devices ?? []) {
    if (d && typeof d.name === "string" && Number.isSafeInteger(d.instance_id)) byName.set(`${d.name}#${d.instance_id}`, d);
  }
  const started = new Map<number, string>();
  const ramState: { last?: string } = {};
  let sawConfig = false, sawEof = false;
  while (!sawEof) {
    const at = r.pos;
    const type = r.u8("record type");
    switch (type) {
      case REC.CONFIG: {
        if (sawConfig || at !== 8) r.fail("a configuration record must come right after the header", at);
        sawConfig = true;
        const len = r.u32("machine type length");
        if (len > 255) r.fail(`machine type name of ${len} bytes`, at + 1);
        parsed.machineType = Buffer.from(r.bytes(len, "machine type")).toString("latin1");
        while (r.peek() === REC.SUB) {
          const sat = r.pos;
          r.u8();
          const name = r.shortString("configuration subsection");
          r.u32("configuration subsection version");
          if (name === "configuration/target-page-bits") {
            parsed.pageBits = r.u32("target page bits");
            if (parsed.pageBits < 10 || parsed.pageBits > 16) r.fail(`target page bits ${parsed.pageBits}`, sat);
          } else if (name === "configuration/capabilities") {
            const n = r.u32("capability count");
            if (n > 64) r.fail(`${n} capabilities`, sat);
            for (let i = 0; i < n; i++) r.shortString("capability");
          } else if (name === "configuration/uuid") {
            r.skip(16, "uuid");
          } else {
            r.fail(`unknown configuration subsection '${name}'`, sat);
          }
        }
        break;
      }
      case REC.START: case REC.FULL: {
        const id = r.u32("section id");
        const idstr = r.shortString("section name");
        const instanceId = r.u32(`${idstr} instance`);
        const sversion = r.u32(`${idstr} version`);
        const where = `section '${idstr}' instance ${instanceId}`;
        if (type === REC.START) {
          if (idstr !== RAM_SECTION.idstr) r.fail(`${where}: iterative sections other than ram are not supported`, at);
          if (sversion !== RAM_SECTION.version) r.fail(`${where}: version ${sversion} (4 expected)`, at);
          if (started.has(id)) r.fail(`${where}: section id ${id} started twice`, at);
          started.set(id, idstr);
          const offset = r.pos;
          try { readRamSetup(r, parsed.ram); } catch (e) { throw inSection(e, where); }
          parsed.ramSection = { version: sversion, offset, bytes: r.pos - offset };
        } else {
          const offset = r.pos;
          const desc = byName.get(`${idstr}#${instanceId}`);
          if (desc) checkDescShape(desc, where, offset);
          const target = resolve(idstr, instanceId, sversion, desc);
          if (desc && desc.version !== sversion) r.fail(`${where}: version ${sversion}, described as ${desc.version}`, at);
          const sec: ParsedSection = { idstr, instanceId, version: sversion, offset, end: offset };
          try {
            if (target) {
              decodeVmsd(r, target.decl, target.state, sversion, desc);
              sec.state = target.state;
            } else if (desc) {
              sec.values = decodeByDescription(r, desc);
            } else {
              r.fail(`${where}: a section this machine does not have, and the stream carries no description of it`, at);
            }
          } catch (e) { throw inSection(e, where); }
          sec.end = r.pos;
          parsed.sections.push(sec);
        }
        footer(r, id, where);
        break;
      }
      case REC.PART: case REC.END: {
        const id = r.u32("section id");
        const idstr = started.get(id);
        if (idstr === undefined) r.fail(`a ${type === REC.PART ? "PART" : "END"} record for section id ${id}, which was never started`, at);
        const from = r.pos;
        try { readRamPages(r, parsed.ram, parsed.pageBits, ramState); } catch (e) { throw inSection(e, "section 'ram'"); }
        if (parsed.ramSection) parsed.ramSection.bytes += r.pos - from;
        footer(r, id, `section '${idstr}'`);
        if (type === REC.END) started.delete(id);
        break;
      }
      case REC.EOF:
        sawEof = true;
        break;
      case REC.COMMAND:
        r.fail("stream commands (postcopy, COLO) are not supported", at);
        break;
      default:
        r.fail(`unknown record type 0x${type.toString(16)}`, at);
    }
  }
  if (!sawConfig) r.fail("the stream has no configuration record", 8);
  if (r.pos !== end) r.fail(`${end - r.pos} bytes after the end-of-stream record`, r.pos);
  return parsed;
}

function footer(r: ByteReader, id: number, where: string): void {
  const at = r.pos;
  if (r.u8(`${where} footer`) !== REC.FOOTER) r.fail(`${where}: no section footer where the payload should end (a layout mismatch)`, at);
  const fid = r.u32(`${where} footer id`);
  if (fid !== id) r.fail(`${where}: footer names section id ${fid}, not ${id}`, at);
}

function inSection(e: unknown, where: string): unknown {
  if (e instanceof StreamError && !e.message.startsWith("section ")) return new StreamError(e.offset, `${where}: ${e.message}`);
  return e;
}
