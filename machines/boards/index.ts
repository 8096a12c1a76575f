// The boards armlet knows, by the names QEMU gives them.
import type { BoardDef } from "./board.js";
import { virtDef, type BoardInfo } from "./virt.js";
import { vexpressA15 } from "./vexpress-a15.js";

export const BOARD_DEFS: Record<string, BoardDef> = { virt: virtDef, "vexpress-a15": vexpressA15 };

/** Board descriptions by name (what the CLI lists). */
export const BOARDS: Record<string, BoardInfo> = Object.fromEntries(Object.entries(BOARD_DEFS).map(([k, d]) => [k, d.info]));
