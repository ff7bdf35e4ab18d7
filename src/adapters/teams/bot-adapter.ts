import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';

/**
 * The Teams adapter, with the step of `process()` the server needs on its own: run an activity
 * that has already been parsed and checked. The server then answers HTTP itself, so an expected
 * refusal (a bad token) is one log line rather than the stack trace `process()` prints.
 */
export class BotAdapter extends TeamsAdapter {
  /** Authenticates the request and runs `logic`; throws botbuilder's AuthenticationError for a bad token. */
  async processChecked(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, withDates(activity), logic);
  }
}

/** Timestamps as Date objects, as botbuilder expects (its own `process()` does the same). */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[`raw${field[0].toUpperCase()}${field.slice(1)}`] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}
