// QEMU's `key=value,...` option syntax (QemuOpts) for --device and --chardev: the first element
// may omit its key (the implied one: -device's driver, -chardev's backend), `,,` is a literal
// comma, a bare `key` means key=on, and `help` or `?` asks for a listing.
import { usageError } from "./errors.js";

export interface QemuOpts {
  /** Value of the implied key (the first element), "" if absent. */
  head: string;
  /** The other key=value pairs, in order. */
  props: Map<string, string>;
  /** A `help` or `?` element after the first (QEMU: list the driver's properties). */
  help: boolean;
}

/** Split on commas, `,,` standing for a literal comma. */
function splitElements(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ",") { cur += text[i]; continue; }
    if (text[i + 1] === ",") { cur += ","; i++; continue; }
    out.push(cur);
    cur = "";
  }
  out.push(cur);
  return out;
}

export const isHelpWord = (s: string) => s === "help" || s === "?";

/** Parse `text` given to `option` (e.g. "--device"); `impliedKey` names the first element. */
export function parseQemuOpts(option: string, text: string, impliedKey: string): QemuOpts {
  const props = new Map<string, string>();
  let head = "";
  let help = false;
  splitElements(text).forEach((el, i) => {
    if (el === "") return; // QEMU ignores empty elements ("virtconsole,")
    const eq = el.indexOf("=");
    if (i === 0 && eq < 0) { head = el; return; }
    if (eq < 0 && isHelpWord(el)) { help = true; return; }
    // A bare key is QEMU's (deprecated) short form of key=on.
    const key = eq < 0 ? el : el.slice(0, eq);
    const value = eq < 0 ? "on" : el.slice(eq + 1);
    if (key === "") throw usageError(`${option} '${text}': empty parameter name in '${el}'`);
    if (key === impliedKey) {
      if (head) throw usageError(`${option} '${text}': '${key}' given twice`);
      head = value;
      return;
    }
    if (props.has(key)) throw usageError(`${option} '${text}': '${key}' given twice`);
    props.set(key, value);
  });
  return { head, props, help };
}

const ON = new Set(["on", "yes", "true"]), OFF = new Set(["off", "no", "false"]);

/** A boolean property value as QEMU accepts it. */
export function parseBool(option: string, key: string, value: string): boolean {
  if (ON.has(value)) return true;
  if (OFF.has(value)) return false;
  throw usageError(`${option}: parameter '${key}' expects 'on' or 'off', got '${value}'`);
}

/** An unsigned 32-bit property value (decimal or 0x hex), as QEMU's uint32 properties. */
export function parseUint32(option: string, key: string, value: string): number {
  const n = /^(0x[0-9a-f]+|\d+)$/i.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n > 0xffffffff) throw usageError(`${option}: parameter '${key}' expects a number, got '${value}'`);
  return n;
}

/** QEMU's identifiers (chardev ids): letters, digits, '-', '.', '_', starting with a letter. */
export function parseIdentifier(option: string, key: string, value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) {
    throw usageError(`${option}: parameter '${key}' expects an identifier (letters, digits, '-', '.', '_', starting with a letter), got '${value}'`);
  }
  return value;
}
