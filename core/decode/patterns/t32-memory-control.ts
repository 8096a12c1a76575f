// 32-bit Thumb loads, stores, branches and system instructions.
import type { Row } from "../formats";

export const t32MemoryControl: Row[] = [
];
