// cli/qemu-single-dash.ts: QEMU's one-dash long options become commander's two-dash ones; option
// values, real short options and unknown words are left as they are.
import { describe, it, expect } from "vitest";
import { Command } from "commander";
import { qemuSingleDash } from "../../../cli/qemu-single-dash.js";

function runLike(): Command {
  return new Command("run")
    .option("-M, --machine <spec>", "")
    .option("-m, --m <size>", "")
    .option("--smp <n>", "")
    .option("--kernel <file>", "")
    .option("--append <cmdline>", "")
    .option("--nodefaults", "")
    .option("--no-reboot", "")
    .option("-S", "")
    .option("-v, --verbose", "");
}

describe("QEMU's one-dash options on `armlet run`", () => {
  it("kvm-unit-tests' arm64 command line: every long option gets its second dash", () => {
    const args = ["-nodefaults", "-machine", "virt,gic-version=3", "-kernel", "arm/psci.flat", "-smp", "8", "-append", "psci", "-m", "256", "-no-reboot"];
    expect(qemuSingleDash(runLike(), args)).toEqual(
      ["--nodefaults", "--machine", "virt,gic-version=3", "--kernel", "arm/psci.flat", "--smp", "8", "--append", "psci", "-m", "256", "--no-reboot"]);
  });

  it("values are not options (-append -smp stays a value), short options and unknown words are kept", () => {
    expect(qemuSingleDash(runLike(), ["-append", "-smp", "-M", "-kernel"])).toEqual(["--append", "-smp", "-M", "-kernel"]);
    expect(qemuSingleDash(runLike(), ["-S", "-v", "-frob", "--smp", "2", "-machine", "?"])).toEqual(["-S", "-v", "-frob", "--smp", "2", "--machine", "?"]);
    expect(qemuSingleDash(runLike(), ["--", "-kernel"])).toEqual(["--", "-kernel"]);
  });
});
