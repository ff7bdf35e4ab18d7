import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { ConfigError, type AppConfig } from './config.js';
import { PolicyFileError } from './adapters/policy-files/policy-file-loader.js';
import { PolicyIngestError } from './domain/policy/policy-types.js';
import type { Trust } from './domain/trust/trust.js';
import { PolicyLibrary } from './adapters/policy-library.js';
import { BotStateStorage } from './adapters/storage/bot-state-storage.js';
import { openStore } from './adapters/storage/open-store.js';
import { answerUnansweredInvoke } from './adapters/teams/action-response.js';
import { createTeamsApp } from './adapters/teams/app.js';
import { BotAdapter } from './adapters/teams/bot-adapter.js';
import type { BotServices } from './adapters/teams/bot-services.js';
import { ConversationDirectory } from './adapters/teams/conversation-directory.js';
import { FollowUpWork } from './adapters/teams/follow-up-work.js';
import { Notifier } from './adapters/teams/notifier.js';
import { RateLimiter } from './adapters/teams/rate-limiter.js';
import { TapGuard } from './adapters/teams/tap-guard.js';
import { OutboxDelivery, type DeliveryPass } from './adapters/teams/outbox-delivery.js';
import { loadTrustFile } from './adapters/trust-file/load-trust.js';
import { createIntentRecogniser } from './adapters/intent/intent-files.js';
import { ScheduledWork, type ScheduledWorkResult } from './adapters/teams/scheduled-work.js';
import { ExportService } from './domain/exports/export-service.js';
import { IncidentService } from './domain/incidents/incident-service.js';
import { OutboxService } from './domain/outbox/outbox-service.js';
import { systemClock, type Clock } from './domain/ports.js';
import { QuestionService } from './domain/questions/question-service.js';
import { RequestService } from './domain/requests/request-service.js';
import { TeachingService } from './domain/teaching/teaching-service.js';
import { reconcileTaught } from './adapters/teams/routes/teach.routes.js';
import type { Logger } from './logger.js';
import { createHttpServer, type HttpServer } from './server.js';

export interface RunningBot {
  http: HttpServer;
  services: BotServices;
  /** One pass of the scheduled work (reminders, escalations, expiries, retention) now; the timer does this every minute. */
  runScheduledWork(): Promise<ScheduledWorkResult>;
  /** One pass of the outbox now (items due by the services' clock); its worker does this whenever an item falls due. */
  runOutbox(): Promise<DeliveryPass>;
  /** Graceful stop: in-flight turns and their follow-up work finish, then storage is flushed. */
  stop(): Promise<void>;
}

/** Wires config -> storage -> services -> app -> server. Throws ConfigError on bad configuration. */
export async function composeBot(config: AppConfig, logger: Logger, clock: Clock = systemClock): Promise<RunningBot> {
  const trust = await loadTrustFile(config.trustFile);
  const policies = await loadPolicyLibrary(trust, config);
  const store = await openStore(config, (message) => logger.warn(`storage: ${message}`));
  const storage = new BotStateStorage(store);

  const credentials = config.botCredentials;
  const authConfig = credentials
    ? {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.appPassword,
        MicrosoftAppType: credentials.appType,
        MicrosoftAppTenantId: credentials.tenantId,
      }
    : {};
  const adapter = new BotAdapter(authConfig, new ConfigurationServiceClientCredentialFactory(authConfig));
  const botAppId = credentials?.appId ?? '';
  const directory = new ConversationDirectory(store);

  const questions = new QuestionService(store, trust, clock);
  const services: BotServices = {
    trust,
    store,
    clock,
    directory,
    notifier: new Notifier(adapter, botAppId, directory, logger),
    outbox: new OutboxDelivery(new OutboxService(store, clock), clock, logger, () => trustWideItManagers(trust)),
    followUp: new FollowUpWork(logger),
    policies,
    intents: await createIntentRecogniser(trust),
    questions,
    teaching: new TeachingService(store, trust, clock, questions),
    requests: new RequestService({ store, trust, clock }),
    incidents: new IncidentService({ store, trust, clock }),
    exports: new ExportService(store, clock),
    publicUrl: config.publicUrl,
    logger,
  };
  const app = createTeamsApp(adapter, botAppId, storage, services);
  // The policy files may have changed while the bot was stopped: taught clauses are checked against them.
  await reconcileTaught(services).catch((err) => logger.warn({ err }, 'checking taught answers against the policy failed'));
  const taps = new TapGuard(store, () => clock.now());

  const http = createHttpServer(
    adapter,
    (context) =>
      taps.run(context, async () => {
        await app.run(context);
        await answerUnansweredInvoke(context);
      }),
    () => ({
      trust: trust.name,
      storage: config.storage.kind,
      mode: credentials ? 'bot-framework-auth' : 'local-development',
    }),
    (token) => services.exports.take(token),
    logger,
    new RateLimiter(config.rateLimit),
  );

  const scheduled = new ScheduledWork(services);
  scheduled.start();
  // What was pending when the bot last stopped (or crashed) is resumed now.
  services.outbox.start();

  return {
    http,
    services,
    runScheduledWork: () => scheduled.runOnce(),
    runOutbox: () => services.outbox.runDue(),
    stop: async () => {
      await scheduled.stop();
      await http.close();
      await services.followUp.idle();
      await services.outbox.stop();
      await store.flush();
    },
  };
}

/** Who hears about undelivered items: the trust-wide IT managers, or every IT manager when none is trust-wide. */
function trustWideItManagers(trust: Trust) {
  const all = trust.peopleWithRole('it_manager');
  const wide = all.filter((p) => p.roles.some((r) => r.role === 'it_manager' && !r.school));
  return wide.length ? wide : all;
}

/** The trust's policies; a file that cannot be used is a configuration error naming where it was listed. */
async function loadPolicyLibrary(trust: Trust, config: AppConfig): Promise<PolicyLibrary> {
  try {
    return await PolicyLibrary.load(PolicyLibrary.filesFor(trust, config.trustFile, config.policyFiles));
  } catch (err) {
    if (!(err instanceof PolicyFileError || err instanceof PolicyIngestError)) throw err;
    const [key, source] = config.policyFiles?.length ? ['POLICY_FILES', 'environment variable'] : ['policies', config.trustFile];
    throw new ConfigError(key, source, `lists a policy Policy Desk cannot use: ${err.message}`);
  }
}
