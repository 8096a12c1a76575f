// VFPv4 (A32 encodings; T32 VFP words are the same with cond 1110).
import type { Row } from "../formats";

export const a32Vfp: Row[] = [
];
