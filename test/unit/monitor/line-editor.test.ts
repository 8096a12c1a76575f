// The monitor's line editing, as QEMU's readline: echo, Enter in its three spellings,
// Backspace, Ctrl-U, arrow keys swallowed, UTF-8 kept.
import { describe, it, expect } from "vitest";
import { LineEditor } from "../../../machines/monitor/line-editor.js";

function type(input: string | number[], ed = new LineEditor()): { lines: string[]; echo: string } {
  const lines: string[] = [];
  let echo = "";
  ed.feed(typeof input === "string" ? Buffer.from(input, "latin1") : input, (s) => { echo += s; }, (l) => lines.push(l));
  return { lines, echo };
}

describe("LineEditor", () => {
  it("echoes what is typed and ends a line at CR, LF or CR LF (one line, not two)", () => {
    expect(type("stop\r")).toEqual({ lines: ["stop"], echo: "stop\n" });
    expect(type("stop\n").lines).toEqual(["stop"]);
    expect(type("stop\r\ncont\r\n").lines).toEqual(["stop", "cont"]);
    expect(type("\r\r").lines).toEqual(["", ""]);
  });

  it("keeps a line across feeds, and a CR LF split between two feeds", () => {
    const ed = new LineEditor();
    expect(type("info st", ed).lines).toEqual([]);
    expect(type("atus\r", ed).lines).toEqual(["info status"]);
    expect(type("\nc\r", ed).lines).toEqual(["c"]);
  });

  it("Backspace (DEL or BS) erases one character and says so; on an empty line it does nothing; Ctrl-U clears", () => {
    expect(type("stpo\x7f\x7fop\r")).toEqual({ lines: ["stop"], echo: "stpo\b \b\b \bop\n" });
    expect(type("x\x08\x08\r")).toEqual({ lines: [""], echo: "x\b \b\n" });
    expect(type("garbage\x15cont\r")).toEqual({ lines: ["cont"], echo: `garbage${"\b \b".repeat(7)}cont\n` });
  });

  it("swallows escape sequences (arrows, F1) and other control characters", () => {
    expect(type("in\x1b[Afo\x1bOP st\x1b[1;5Catus\x07\x00\r").lines).toEqual(["info status"]);
  });

  it("keeps UTF-8 bytes: the line is decoded whole, Backspace erases a whole character", () => {
    const bytes = [...Buffer.from("savevm /tmp/été.snap\r", "utf8")];
    expect(type(bytes).lines).toEqual(["savevm /tmp/été.snap"]);
    expect(type([...Buffer.from("aé", "utf8"), 0x7f, 0x62, 0x0d]).lines).toEqual(["ab"]);
    expect(type([...Buffer.from("€", "utf8"), 0x7f, 0x0d]).lines).toEqual([""]);
  });
});
