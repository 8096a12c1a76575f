// Human-facing output. Colour only here, and only on a terminal.
import chalk from "chalk";

const useColour = process.stderr.isTTY === true;
export function errorLine(msg: string): string {
  return (useColour ? chalk.red.bold("armlet: error: ") : "armlet: error: ") + msg;
}
export function noteLine(msg: string): string {
  return (useColour ? chalk.cyan("armlet: ") : "armlet: ") + msg;
}

// Reports printed on stdout (`armlet snapshot info`): styled only when stdout is a terminal.
const stdoutColour = process.stdout.isTTY === true;
/** A report's section heading. */
export const heading = (s: string): string => (stdoutColour ? chalk.bold(s) : s);
/** Secondary detail (offsets, explanations). */
export const faint = (s: string): string => (stdoutColour ? chalk.dim(s) : s);
/** Something the reader should notice (an unknown section, a powered-off CPU). */
export const attention = (s: string): string => (stdoutColour ? chalk.yellow(s) : s);
