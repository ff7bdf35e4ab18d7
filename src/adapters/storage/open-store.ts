import type { AppConfig } from '../../config.js';
import type { DocumentStore } from '../../domain/ports.js';
import { STORE_INDEXES } from '../../domain/store-indexes.js';
import { LowdbStore } from './lowdb-store.js';

/**
 * The configured DocumentStore: a folder on disk locally (one process per folder), Azure Blob
 * Storage when STORAGE=blob (any number of instances). `report` receives start-up notes such as
 * a repaired log or migration progress.
 */
export async function openStore(config: AppConfig, report?: (message: string) => void): Promise<DocumentStore> {
  if (config.storage.kind === 'blob') {
    const { BlobStore } = await import('./blob-store.js');
    return BlobStore.connect(config.storage.connectionString, config.storage.container, { indexes: STORE_INDEXES });
  }
  return LowdbStore.open(config.storage.folder, { indexes: STORE_INDEXES, legacyFile: config.storage.legacyFile, report });
}
