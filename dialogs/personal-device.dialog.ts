import type { SubmitRequestInput } from '../src/domain/requests/request.js';
import type { BotServices } from '../src/adapters/teams/bot-services.js';
import { escapeUserText } from '../src/adapters/teams/card-renderer.js';
import { RequestFlowDialog, type SummaryFact } from './request-flow.dialog.js';

/**
 * "Declare a personal device": the device, what it reaches, and the three confirmations (screen
 * lock, encryption, updates), all required. Approved declarations form the personal devices log.
 */
export class PersonalDeviceDialog extends RequestFlowDialog {
  static readonly ID = 'personal-device';
  protected readonly kind = 'personal_device';
  protected readonly formCard = 'request-form-personal-device';

  constructor(services: BotServices) {
    super(PersonalDeviceDialog.ID, services);
  }

  protected blankValues(): Record<string, string> {
    return { device: '', accesses: '', screenLock: 'false', encryption: 'false', updates: 'false' };
  }

  protected summaryFacts(input: SubmitRequestInput): SummaryFact[] {
    if (input.kind !== 'personal_device') return [];
    return [
      { title: 'Device', value: escapeUserText(input.device, 200) },
      { title: 'Used to access', value: escapeUserText(input.accesses) },
      { title: 'Screen lock and password or PIN', value: 'Confirmed' },
      { title: 'Storage encrypted', value: 'Confirmed' },
      { title: 'Security updates on', value: 'Confirmed' },
    ];
  }

  protected override helpText(): string {
    return 'Describe the device and what you will use it for, and tick the three confirmations (all are needed), then press **Next**.';
  }
}
