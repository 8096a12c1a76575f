// A whole stream in memory, as chunks: for a destination that is not a file (a pipe to a
// command), so the machine can go on (or stay stopped) while the bytes drain at the pipe's pace.
import { writeStream, type StreamContent } from "../snapshot/stream.js";

export function streamChunks(content: StreamContent): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  writeStream(content, (c) => chunks.push(c));
  return chunks;
}
