import type { SubmitRequestInput } from '../src/domain/requests/request.js';
import type { BotServices } from '../src/adapters/teams/bot-services.js';
import { escapeUserText } from '../src/adapters/teams/card-renderer.js';
import { RequestFlowDialog, type SummaryFact } from './request-flow.dialog.js';

/** "Request a software install": what, where from, which device, why. Goes to the IT manager. */
export class SoftwareRequestDialog extends RequestFlowDialog {
  static readonly ID = 'software-request';
  protected readonly kind = 'software';
  protected readonly formCard = 'request-form-software';

  constructor(services: BotServices) {
    super(SoftwareRequestDialog.ID, services);
  }

  protected blankValues(): Record<string, string> {
    return { software: '', url: '', device: '', reason: '' };
  }

  protected summaryFacts(input: SubmitRequestInput): SummaryFact[] {
    if (input.kind !== 'software') return [];
    return [
      { title: 'Software', value: escapeUserText(input.software, 200) },
      ...(input.url ? [{ title: 'Link', value: escapeUserText(input.url, 500) }] : []),
      ...(input.device ? [{ title: 'Device', value: escapeUserText(input.device, 200) }] : []),
      { title: 'Why', value: escapeUserText(input.reason) },
    ];
  }

  protected override helpText(): string {
    return 'Say which software you need and why, then press **Next**. The IT manager approves installs; you will see their decision here.';
  }
}
