// Human-facing output. Colour only here, and only on a terminal.
import chalk from "chalk";

const useColour = process.stderr.isTTY === true;
export function errorLine(msg: string): string {
  return (useColour ? chalk.red.bold("armlet: error: ") : "armlet: error: ") + msg;
}
export function noteLine(msg: string): string {
  return (useColour ? chalk.cyan("armlet: ") : "armlet: ") + msg;
}
