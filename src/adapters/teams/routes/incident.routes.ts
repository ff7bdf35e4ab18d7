import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { LostDeviceDialog, LOST_DEVICE_FLOW, type LostDeviceOptions } from '../../../../dialogs/lost-device.dialog.js';
import type { Incident, ReportIncidentInput } from '../../../domain/incidents/incident.js';
import {
  AlreadyAcknowledgedError,
  ClosedError,
  DomainError,
  IncidentClosedError,
  NotAllowedError,
  ValidationError,
} from '../../../domain/requests/errors.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { asAttachment, cardAttachment, type AdaptiveCardJson } from '../card-renderer.js';
import { confirmationStep, respondToAction } from '../action-response.js';
import { CardCopies } from '../card-copies.js';
import type { DialogRunner } from '../dialog-runner.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { notifyAfterAnswering, sendNotifications, undeliveredNote } from '../notification-dispatcher.js';
import { nameOf, type CardNotice } from '../request-cards.js';
import { VERBS } from '../verbs.js';
import { incidentTitle, renderIncidentCardFor, renderIncidentChecklist } from './incident-cards.js';
import { INCIDENT_SUBJECT, refreshIncidentCopies } from './incident-notifications.js';

const UNKNOWN_PERSON = "I don't know you yet: ask your IT manager to add you to Policy Desk.";

/** The lost-device dialog, wired to file reports through {@link reportIncidentFromChat}. */
export function lostDeviceDialog(
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'outbox' | 'incidents'>,
): LostDeviceDialog {
  return new LostDeviceDialog({
    trust: services.trust,
    card: cardAttachment,
    report: async (context, input) => {
      await reportIncidentFromChat(context, services, input);
    },
  });
}

/** Starts the lost-device flow (welcome card button, an answer's next step, or plain words). */
export function startLostDevice(runner: DialogRunner, options: LostDeviceOptions = {}) {
  return (context: TurnContext): Promise<void> => runner.begin(context, LOST_DEVICE_FLOW, options);
}

/**
 * Files a report for the person in this conversation: they get their checklist here at once, then
 * the people responsible get their alert cards. Throws ValidationError for input the domain refuses.
 */
export async function reportIncidentFromChat(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'outbox' | 'incidents'>,
  input: ReportIncidentInput,
): Promise<Incident> {
  const reporter = identify(context, services.trust);
  if (!reporter) throw new NotAllowedError(UNKNOWN_PERSON);
  const outcome = await services.incidents.reportIncident({ personId: reporter.id, conversationId: context.activity.conversation?.id }, input);
  const incident = outcome.value;
  const sent = await context.sendActivity({ attachments: [asAttachment(await renderIncidentChecklist(services, incident))] });
  if (sent?.id) {
    await new CardCopies(services.store).record(INCIDENT_SUBJECT, incident.id, reporter.aadObjectId, sent.id, services.clock.now());
  }
  const results = await sendNotifications(services, outcome.notifications);
  const note = undeliveredNote(services, results, 'the alert', 'Your report is saved; please phone or email them now.');
  if (note) await context.sendActivity(note);
  return incident;
}

/** Why an action was refused, as a banner on the card that comes back. */
function refusalNotice(services: Pick<BotServices, 'trust'>, error: DomainError, current: Incident): CardNotice {
  if (error instanceof AlreadyAcknowledgedError) {
    return { text: `${nameOf(services, current.acknowledgement?.byId)} has already acknowledged this report and is handling it.`, style: 'warning' };
  }
  if (error instanceof IncidentClosedError) return { text: 'This report has been closed, so nothing more can be done on it here.', style: 'warning' };
  return { text: error.message, style: 'attention' };
}

/**
 * Runs one incident card action for the clicker: refusals that carry the stored incident come
 * back as its current card with a banner saying why; an unknown or forged id gets a sentence.
 */
async function act(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'directory' | 'policies' | 'incidents'>,
  action: (person: Person) => Promise<{ incident: Incident; card: AdaptiveCardJson }>,
): Promise<string | AdaptiveCardJson> {
  const person = identify(context, services.trust);
  if (!person) return respondToAction(context, UNKNOWN_PERSON);
  try {
    return respondToAction(context, (await action(person)).card);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    if ((error instanceof NotAllowedError || error instanceof ClosedError) && isIncident(error.current)) {
      return respondToAction(context, await renderIncidentCardFor(services, error.current, person, { notice: refusalNotice(services, error, error.current) }));
    }
    if (error instanceof DomainError) return respondToAction(context, error.message);
    throw error;
  }
}


function isIncident(value: unknown): value is Incident {
  return typeof value === 'object' && value !== null && 'reporterId' in value && 'item' in value;
}

/** The incident cards' Universal Actions (typed reports of a loss arrive through the intent route). */
export function registerIncidentRoutes(
  app: Application<TurnState>,
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'notifier' | 'outbox' | 'followUp' | 'policies' | 'incidents'>,
  runner: DialogRunner,
): void {
  app.adaptiveCards.actionSubmit<{ incidentId?: unknown }>(VERBS.incidentShow, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return sendUnknownUserCard(context, services.trust);
    let incident: Incident;
    try {
      incident = await services.incidents.ownIncident(person.id, data?.incidentId);
    } catch (error) {
      if (error instanceof DomainError) return void (await context.sendActivity(error.message));
      throw error;
    }
    const sent = await context.sendActivity({ attachments: [asAttachment(await renderIncidentChecklist(services, incident))] });
    if (sent?.id) await new CardCopies(services.store).record(INCIDENT_SUBJECT, incident.id, person.aadObjectId, sent.id, services.clock.now());
  });

  app.adaptiveCards.actionExecute<{ incidentId?: unknown }>(VERBS.incidentRefresh, async (context, _state, data) =>
    act(context, services, async (person) => {
      const incident = await services.incidents.getIncident(data?.incidentId);
      return { incident, card: await renderIncidentCardFor(services, incident, person) };
    }),
  );

  app.adaptiveCards.actionExecute<{ incidentId?: unknown }>(VERBS.incidentAcknowledge, async (context, _state, data) =>
    act(context, services, async (person) => {
      const { value: incident, notifications } = await services.incidents.acknowledge(
        { personId: person.id, conversationId: context.activity.conversation?.id },
        data?.incidentId,
      );
      await notifyAfterAnswering(services, `incident ${incident.id}`, notifications, () => refreshIncidentCopies(services, incident, [person.id]));
      return {
        incident,
        card: await renderIncidentCardFor(services, incident, person, {
          notice: { text: `You've taken this on. ${nameOf(services, incident.reporterId)} has been told you're handling it.`, style: 'good' },
        }),
      };
    }),
  );

  app.adaptiveCards.actionExecute<{ incidentId?: unknown; confirm?: unknown }>(VERBS.incidentClose, async (context, _state, data) =>
    act(context, services, async (person) => {
      const current = await services.incidents.getIncident(data?.incidentId);
      if (current.status === 'acknowledged') {
        const confirmation = confirmationStep(VERBS.incidentClose, data, {
          question: 'Close this report as dealt with?',
          subject: `${incidentTitle(current)}, reported by ${nameOf(services, current.reporterId)}`,
          consequence: `${nameOf(services, current.reporterId)} will be told it is closed, and nothing more can be done on it here.`,
          confirmTitle: 'Yes, close it',
          keepTitle: 'No, keep it open',
        });
        if (confirmation.step === 'ask') return { incident: current, card: confirmation.card };
        if (confirmation.step === 'kept') return { incident: current, card: await renderIncidentCardFor(services, current, person) };
      }
      const { value: incident, notifications } = await services.incidents.closeIncident(
        { personId: person.id, conversationId: context.activity.conversation?.id },
        data?.incidentId,
      );
      await notifyAfterAnswering(services, `incident ${incident.id}`, notifications, () => refreshIncidentCopies(services, incident, [person.id]));
      return { incident, card: await renderIncidentCardFor(services, incident, person) };
    }),
  );

  app.adaptiveCards.actionExecute<{ incidentId?: unknown; crimeReference?: unknown }>(VERBS.incidentCrimeReference, async (context, _state, data) =>
    act(context, services, async (person) => {
      try {
        const { value: incident, notifications } = await services.incidents.addCrimeReference(
          { personId: person.id, conversationId: context.activity.conversation?.id },
          { incidentId: data?.incidentId, crimeReference: typeof data?.crimeReference === 'string' ? data.crimeReference : '' },
        );
        await notifyAfterAnswering(services, `incident ${incident.id}`, notifications, () => refreshIncidentCopies(services, incident, [person.id]));
        return {
          incident,
          card: await renderIncidentChecklist(services, incident, {
            notice: { text: 'Crime reference added: the people handling your report can see it now.', style: 'good' },
          }),
        };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const current = await services.incidents.getIncident(data?.incidentId);
        return { incident: current, card: await renderIncidentChecklist(services, current, { problems: error.problems }) };
      }
    }),
  );
}
