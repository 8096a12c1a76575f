// 16-bit Thumb instructions.
import type { Row } from "../formats";

export const t16: Row[] = [
];
