import { randomBytes } from 'node:crypto';
import type { Clock, DocumentStore } from '../ports.js';

const COLLECTION = 'exports';
const LIFETIME_MS = 15 * 60 * 1000;

export interface ExportFile {
  fileName: string;
  contentType: string;
  content: string;
  createdFor: string;
  expiresAt: string;
}

/**
 * Short-lived download links for CSV registers and reports. Teams cannot attach a file to a bot
 * message in a 1:1 chat without a consent round trip, so the bot sends a link instead; the token
 * is 256 random bits and the file is gone after 15 minutes.
 */
export class ExportService {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  async create(file: Omit<ExportFile, 'expiresAt'>): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + LIFETIME_MS);
    await this.store.put<ExportFile>(COLLECTION, token, { ...file, expiresAt: expiresAt.toISOString() }, null);
    return { token, expiresAt };
  }

  /** The file behind a token, or undefined when the token is unknown, malformed or expired. */
  async take(token: string): Promise<ExportFile | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const doc = await this.store.get<ExportFile>(COLLECTION, token);
    if (!doc) return undefined;
    if (new Date(doc.value.expiresAt) <= this.clock.now()) {
      await this.store.delete(COLLECTION, token);
      return undefined;
    }
    return doc.value;
  }
}
