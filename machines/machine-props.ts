// `-M NAME,PROP=VALUE,...` as QEMU 7.2 parses -machine (keyval: a first item without '=' is the
// type, "type=NAME" says it explicitly, ",," is a comma inside a value, "help" or "?" asks for
// help) and merges repeated -machine options (later values win; one without a type keeps the
// earlier type). The properties are then checked against the board's table (`props` in
// machines/boards/*.ts) and become typed values: the CLI and the in-process runner share this.
import { BOARD_DEFS } from "./boards/index.js";
import type { BoardDef, MachinePropDef, MachineProps, MachinePropValue } from "./boards/board.js";
import { usageError } from "./errors.js";

/** armlet's machine when -M names none (qemu-system-arm has no default and refuses). */
export const DEFAULT_MACHINE = "virt";

/** The -M options merged, before they are checked against a board. */
export interface MachineArgs {
  /** The machine type (absent: DEFAULT_MACHINE). */
  type?: string;
  /** Properties as given, the last value of each. */
  props: Map<string, string>;
  /** `help` or `?` was given: list the machines, or the type's properties. */
  help: boolean;
}

/** A board with its properties checked and applied. */
export interface MachineChoice {
  name: string;
  def: BoardDef;
  /** Every property of the board: the given values over the defaults. */
  props: MachineProps;
}

/** QEMU's boolean spellings (qapi_bool_parse). */
const TRUE = new Set(["on", "yes", "true", "y"]);
const FALSE = new Set(["off", "no", "false", "n"]);
const HELP = new Set(["help", "?"]);

/**
 * One -M value's items: `name=value` (",," in a value is a comma) or a bare word (no '=': the
 * type, or help). A trailing comma ends the list, as in QEMU.
 */
function splitItems(text: string): { key: string; value?: string }[] {
  const items: { key: string; value?: string }[] = [];
  let i = 0;
  while (i < text.length || items.length === 0) {
    let key = "";
    while (i < text.length && text[i] !== "=" && text[i] !== ",") key += text[i++];
    if (text[i] !== "=") {
      items.push({ key });
      i++;
      continue;
    }
    let value = "";
    for (i++; i < text.length; i++) {
      if (text[i] !== ",") { value += text[i]; continue; }
      if (text[i + 1] !== ",") break;
      value += ",";
      i++;
    }
    items.push({ key, value });
    i++;
  }
  return items;
}

/**
 * Merge the -M values in order. Help stops at the value that asks for it, as QEMU answers it
 * there (`-M virt -M help` lists virt's properties).
 */
export function parseMachineArgs(values: readonly string[]): MachineArgs {
  const out: MachineArgs = { props: new Map(), help: false };
  for (const text of values) {
    splitItems(text).forEach(({ key, value }, i) => {
      if (key === "") throw usageError(`-M '${text}': a property without a name`);
      if (value === undefined) {
        if (HELP.has(key)) out.help = true;
        else if (i === 0) out.type = key;
        else throw usageError(`-M '${text}': expected '=' after '${key}' (properties are NAME=VALUE)`);
      } else if (key === "type") {
        out.type = value;
      } else {
        out.props.set(key, value);
      }
    });
    if (out.help) break;
  }
  return out;
}

/** The board named by the merged -M options, its properties checked and applied. */
export function resolveMachine(args: MachineArgs, boards: Readonly<Record<string, BoardDef>> = BOARD_DEFS): MachineChoice {
  return applyProps(boardNamed(args.type ?? DEFAULT_MACHINE, boards), args.props);
}

/**
 * A board given as a definition or by a -M string ("vexpress-a15,secure=off"), with `props`
 * (parsed or not) over the string's: what MachineOptions asks for.
 */
export function chooseMachine(o: { machine?: string; board?: BoardDef; machineProps?: Readonly<Record<string, MachinePropValue>> }): MachineChoice {
  const args = parseMachineArgs([o.machine ?? o.board?.info.name ?? DEFAULT_MACHINE]);
  if (args.help) throw usageError(`-M '${o.machine}': help is printed by the command line only`);
  const given = new Map<string, MachinePropValue>([...args.props, ...Object.entries(o.machineProps ?? {})]);
  return applyProps(o.board ?? boardNamed(args.type ?? DEFAULT_MACHINE, BOARD_DEFS), given);
}

function boardNamed(name: string, boards: Readonly<Record<string, BoardDef>>): BoardDef {
  const def = boards[name];
  if (!def) throw usageError(`unknown machine '${name}' (available: ${Object.keys(boards).join(", ")}; -M help lists them)`);
  return def;
}

/** Check `given` against the board's table and apply it. */
export function applyProps(def: BoardDef, given: ReadonlyMap<string, MachinePropValue>): MachineChoice {
  const board = def.info.name;
  const table = def.props ?? [];
  const props: Record<string, MachinePropValue> = {};
  for (const p of table) if (p.default !== undefined) props[p.name] = p.default;
  for (const [key, raw] of given) {
    const p = table.find((d) => d.name === key);
    if (!p) {
      const names = table.map((d) => d.name).join(", ") || "none";
      throw usageError(`machine ${board} has no property '${key}' that armlet implements (it accepts: ${names}; -M ${board},help describes them)`);
    }
    props[key] = propValue(board, p, raw);
  }
  return { name: board, def: def.withProps?.(props, def) ?? def, props };
}

function propValue(board: string, p: MachinePropDef, raw: MachinePropValue): MachinePropValue {
  let v: MachinePropValue;
  if (p.type === "bool") {
    if (typeof raw === "boolean") v = raw;
    else if (TRUE.has(raw)) v = true;
    else if (FALSE.has(raw)) v = false;
    else throw usageError(`machine ${board}: ${p.name} expects on or off, not '${raw}'`);
  } else {
    v = String(raw);
    if (v === "") throw usageError(`machine ${board}: ${p.name} needs a value`);
    if (p.values && !p.values.includes(v)) throw usageError(`machine ${board}: invalid ${p.name} '${v}' (valid: ${p.values.join(", ")})`);
  }
  if (p.supported && !p.supported.includes(v)) throw usageError(`machine ${board}: ${p.name}=${shown(v)} ${p.unsupported ?? "is not supported"}`);
  return v;
}

function shown(v: MachinePropValue): string {
  return typeof v === "boolean" ? (v ? "on" : "off") : v;
}

/** What `-M help` prints: QEMU's "Supported machines are:" list. */
export function machineListHelp(boards: Readonly<Record<string, BoardDef>> = BOARD_DEFS): string {
  const rows = Object.values(boards).map((d) =>
    `${d.info.name.padEnd(20)} ${d.info.description}${d.info.name === DEFAULT_MACHINE ? " (default)" : ""}\n`);
  return `Supported machines are:\n${rows.join("")}`;
}

/** What `-M NAME,help` prints: the board's properties as QEMU lists them, with armlet's notes. */
export function machinePropsHelp(def: BoardDef): string {
  const rows = [...(def.props ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) =>
    `${`  ${p.name}=<${p.type}>`.padEnd(24)} - ${p.help}${p.note ? ` [${p.note}]` : ""}\n`);
  return `${def.info.qemuType ?? `${def.info.name}-machine`} options:\n${rows.join("")}`;
}

/** For --help: each board's properties with the values armlet accepts ("highmem=on|off"). */
export function machinePropsSummary(boards: Readonly<Record<string, BoardDef>> = BOARD_DEFS): string {
  const accepted = (p: MachinePropDef) => {
    const values = p.supported ?? p.values ?? (p.type === "bool" ? [true, false] : [`<${p.type}>`]);
    return `${p.name}=${values.map(shown).join("|")}`;
  };
  return Object.values(boards).map((d) => `  ${d.info.name}: ${(d.props ?? []).map(accepted).join(", ") || "none"}`).join("\n");
}

/** The help text the merged -M options ask for (an unknown type gets the machine list, as QEMU). */
export function machineHelp(args: MachineArgs, boards: Readonly<Record<string, BoardDef>> = BOARD_DEFS): string {
  const def = args.type === undefined ? undefined : boards[args.type];
  return def ? machinePropsHelp(def) : machineListHelp(boards);
}
