// The boards armlet knows, by the names QEMU gives them.
import { virtBoard, type BoardInfo } from "./virt.js";

export const BOARDS: Record<string, BoardInfo> = { virt: virtBoard };
