import { randomUUID } from 'node:crypto';

/** A user as Teams identifies them in activities. */
export interface TeamsUser {
  /** Teams user id ("29:..." in Teams; "user-id-N" in the Agents Playground). */
  id: string;
  aadObjectId: string;
  name: string;
}

/** The sample trust's people, as the Playground's default users. */
export const USERS = {
  alex: { id: 'user-id-0', aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' },
  megan: { id: 'user-id-1', aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' },
  adele: { id: 'user-id-2', aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' },
  isaiah: { id: 'user-id-3', aadObjectId: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer' },
  patti: { id: 'user-id-4', aadObjectId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' },
  lynne: { id: 'user-id-5', aadObjectId: '00000000-0000-0000-0000-0000000000025', name: 'Lynne Robbins' },
  stranger: { id: '29:stranger', aadObjectId: '6f1c2b9e-0000-4000-8000-000000000099', name: 'Sam Newstarter' },
} satisfies Record<string, TeamsUser>;

export const BOT = { id: '28:policy-desk-bot', name: 'Policy Desk' };
const TENANT_ID = '00000000-0000-0000-0000-0000000000001';

/** Everything Teams puts on an activity in a 1:1 chat between `user` and the bot. */
function personalActivity(user: TeamsUser, serviceUrl: string) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { ...BOT },
    conversation: { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-GB',
  };
}

export function message(user: TeamsUser, text: string, serviceUrl: string) {
  return { ...personalActivity(user, serviceUrl), type: 'message', text, textFormat: 'plain' };
}

/** What Teams sends when a user installs the app in personal scope. */
export function personalInstall(user: TeamsUser, serviceUrl: string) {
  return {
    ...personalActivity(user, serviceUrl),
    type: 'conversationUpdate',
    membersAdded: [{ id: user.id, aadObjectId: user.aadObjectId }],
    channelData: { tenant: { id: TENANT_ID }, eventType: 'teamMemberAdded' },
  };
}

/** An Action.Submit click: Teams sends it as a message whose value is the action's data. */
export function cardSubmit(user: TeamsUser, data: Record<string, unknown>, serviceUrl: string) {
  return { ...personalActivity(user, serviceUrl), type: 'message', value: data };
}

/** An Action.Execute click (Universal Actions): an invoke named adaptiveCard/action. */
export function cardExecute(user: TeamsUser, verb: string, data: Record<string, unknown>, serviceUrl: string) {
  return {
    ...personalActivity(user, serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}

/** A message in a group chat that @mentions the bot (the only kind Teams delivers there). */
export function groupChatMessage(user: TeamsUser, text: string, serviceUrl: string) {
  const base = personalActivity(user, serviceUrl);
  return {
    ...base,
    type: 'message',
    text: `<at>${BOT.name}</at> ${text}`,
    conversation: { id: '19:staffroom@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID },
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { ...BOT } }],
  };
}
