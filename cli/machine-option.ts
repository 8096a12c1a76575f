// -M/--machine for `armlet run`: QEMU's syntax (machines/machine-props.ts), repeatable.
import { Option } from "commander";
import { BOARD_DEFS } from "../machines/boards/index.js";
import { machineHelp, parseMachineArgs, resolveMachine, type MachineChoice } from "../machines/machine-props.js";

/** The option: each -M value is kept, in order, to be merged as QEMU merges -machine options. */
export function machineOption(): Option {
  const names = Object.keys(BOARD_DEFS).join(", ");
  return new Option("-M, --machine <name[,prop=value...]>",
    `machine type (${names}, default virt) and properties, as QEMU: -M virt,highmem=off (repeatable: later values win); -M help lists the machines, -M virt,help a machine's properties`)
    .argParser((v: string, acc: string[] = []) => [...acc, v]);
}

/** The board the -M values choose, or the help text they ask for. */
export function machineFromFlags(values: readonly string[] | undefined): { help: string } | MachineChoice {
  const args = parseMachineArgs(values ?? []);
  return args.help ? { help: machineHelp(args) } : resolveMachine(args);
}
