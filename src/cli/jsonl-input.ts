/** Reading a batch command's JSON Lines from standard input. */
import { createInterface } from 'node:readline';

/** One input line that carries the text a batch command works on. */
export interface JsonlItem {
  /** The line's own `id`, or its line number when it has none. */
  id: unknown;
  text: string;
}

/**
 * Yields every line of standard input whose `field` is a string. A line that is not JSON, or
 * lacks the field, is reported on stderr (`line N: …, skipped`) and skipped, so one bad line
 * never stops a batch.
 */
export async function* readJsonlItems(field: string, missing = `no "${field}"`): AsyncGenerator<JsonlItem> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line);
    } catch {
      console.error(`line ${lineNo}: not JSON, skipped`);
      continue;
    }
    const text = parsed?.[field];
    if (typeof text !== 'string') {
      console.error(`line ${lineNo}: ${missing}, skipped`);
      continue;
    }
    yield { id: parsed.id ?? lineNo, text };
  }
}
