import type { ExportService } from '../../domain/exports/export-service.js';
import type { IncidentService } from '../../domain/incidents/incident-service.js';
import type { IntentRecogniser } from '../../domain/intent/intent-recogniser.js';
import type { Clock, DocumentStore } from '../../domain/ports.js';
import type { QuestionService } from '../../domain/questions/question-service.js';
import type { RequestService } from '../../domain/requests/request-service.js';
import type { TeachingService } from '../../domain/teaching/teaching-service.js';
import type { Trust } from '../../domain/trust/trust.js';
import type { Logger } from '../../logger.js';
import type { PolicyLibrary } from '../policy-library.js';
import type { ConversationDirectory } from './conversation-directory.js';
import type { FollowUpWork } from './follow-up-work.js';
import type { Notifier } from './notifier.js';
import type { OutboxDelivery } from './outbox-delivery.js';

/** What the Teams routes need, built once in the composition root and passed in. */
export interface BotServices {
  trust: Trust;
  store: DocumentStore;
  clock: Clock;
  directory: ConversationDirectory;
  notifier: Notifier;
  /** Everything the bot sends on its own goes through here: written first, sent and retried by its worker. */
  outbox: OutboxDelivery;
  /** Notifications and card updates that run after the turn has answered. */
  followUp: FollowUpWork;
  policies: PolicyLibrary;
  /** What a typed message is for (intent, confidence, slots). */
  intents: IntentRecogniser;
  questions: QuestionService;
  /** Answers the policy's owners taught for questions the policy answered badly. */
  teaching: TeachingService;
  requests: RequestService;
  incidents: IncidentService;
  exports: ExportService;
  /** Where staff's browsers reach the bot (download links), e.g. https://policydesk.example.org. */
  publicUrl: string;
  logger: Logger;
}
