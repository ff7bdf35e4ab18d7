import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../config.js';
import { parseTrust, Trust, TrustValidationError } from '../../domain/trust/trust.js';

/** Reads and validates the trust file; every problem is reported with the file and key. */
export async function loadTrustFile(file: string): Promise<Trust> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConfigError('TRUST_FILE', file, `${reason}: set TRUST_FILE to your trust file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('TRUST_FILE', file, `is not valid JSON (${(err as Error).message})`);
  }
  try {
    return parseTrust(json);
  } catch (err) {
    if (err instanceof TrustValidationError) {
      const [first, ...rest] = err.problems;
      const key = first.split(':')[0];
      const more = rest.length ? ` (and ${rest.length} more: ${rest.join('; ')})` : '';
      throw new ConfigError(key, file, `${first.slice(key.length + 2)}${more}`);
    }
    throw err;
  }
}
