import type { TurnContext } from 'botbuilder';
import type { Person, Trust } from '../../domain/trust/trust.js';
import { cardAttachment } from './card-renderer.js';

/** The trust member behind an activity, by Entra object id (never by display name). */
export function identify(context: TurnContext, trust: Trust): Person | undefined {
  return trust.findByAadObjectId(context.activity.from?.aadObjectId);
}

/** "IT manager (trust-wide) · Staff at Oakfield Primary School" */
export function describeRoles(person: Person, trust: Trust): string {
  return person.roles
    .map((r) => `${trust.roleLabel(r.role)} ${r.school ? `at ${trust.school(r.school)?.name ?? r.school}` : '(trust-wide)'}`)
    .join(' · ');
}

/** Tells someone the trust file does not list them, and whom to ask. */
export async function sendUnknownUserCard(context: TurnContext, trust: Trust): Promise<void> {
  const from = context.activity.from ?? {};
  await context.sendActivity({
    attachments: [
      cardAttachment('unknown-user', {
        trustName: trust.name,
        accountName: from.name ?? 'unknown',
        aadObjectId: from.aadObjectId ?? 'unknown',
        contacts: trust.peopleWithRole('it_manager').map((p) => ({ name: p.name, email: p.email })),
      }),
    ],
  });
}
