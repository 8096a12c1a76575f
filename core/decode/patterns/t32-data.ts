// 32-bit Thumb data processing, multiply, divide, media.
import type { Row } from "../formats";

export const t32Data: Row[] = [
];
