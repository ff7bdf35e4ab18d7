import type { DocumentStore } from '../../domain/ports.js';
import type { Trust } from '../../domain/trust/trust.js';
import type { Logger } from '../../logger.js';
import type { ConversationDirectory } from './conversation-directory.js';

/** What the Teams routes need, built once in the composition root and passed in. */
export interface BotServices {
  trust: Trust;
  store: DocumentStore;
  directory: ConversationDirectory;
  logger: Logger;
}
