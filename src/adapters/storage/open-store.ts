import type { AppConfig } from '../../config.js';
import type { DocumentStore } from '../../domain/ports.js';
import { LowdbStore } from './lowdb-store.js';

/** The configured DocumentStore: lowdb on disk locally, Azure Blob Storage when STORAGE=blob. */
export async function openStore(config: AppConfig): Promise<DocumentStore> {
  if (config.storage.kind === 'blob') {
    const { BlobStore } = await import('./blob-store.js');
    return BlobStore.connect(config.storage.connectionString, config.storage.container);
  }
  return LowdbStore.open(config.storage.file);
}
