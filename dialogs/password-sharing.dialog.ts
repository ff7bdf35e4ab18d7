import type { Attachment } from 'botbuilder';
import type { SubmitRequestInput } from '../src/domain/requests/request.js';
import type { Person } from '../src/domain/trust/trust.js';
import type { BotServices } from '../src/adapters/teams/bot-services.js';
import { escapeUserText } from '../src/adapters/teams/card-renderer.js';
import { displayDate } from '../src/adapters/teams/request-cards.js';
import { refusalCard, RequestFlowDialog, type SummaryFact } from './request-flow.dialog.js';

/**
 * "Ask to share a password": who will use the account, which system, why, from and until. Never
 * the password itself. Where the policy forbids sharing outright, the flow refuses and quotes it.
 */
export class PasswordSharingDialog extends RequestFlowDialog {
  static readonly ID = 'password-sharing';
  protected readonly kind = 'password_sharing';
  protected readonly formCard = 'request-form-password-sharing';

  constructor(services: BotServices) {
    super(PasswordSharingDialog.ID, services);
  }

  protected override refusal(person: Person): Attachment | undefined {
    const rule = this.services.policies.passwordSharingRule();
    if (!rule.forbidden) return super.refusal(person);
    return refusalCard(this.services, {
      heading: "Password sharing isn't allowed",
      explanation: "Your trust's policy forbids sharing passwords, so I can't raise a request for it. Nobody can authorise it.",
      clause: rule.passage ? { section: rule.passage.section, text: rule.passage.text } : undefined,
    });
  }

  protected blankValues(): Record<string, string> {
    return { sharedWithPersonId: '', sharedWithName: '', system: '', reason: '', from: '', until: '' };
  }

  /** Colleagues at the requester's school(s) to choose from; central staff see the trust-wide team. */
  protected override formExtras(person: Person): Record<string, unknown> {
    const trust = this.services.trust;
    const schools = trust.schoolsOf(person);
    const colleagues = trust.data.people.filter((p) => {
      if (p.id === person.id) return false;
      const theirs = trust.schoolsOf(p);
      return schools.length === 0 ? theirs.length === 0 : theirs.some((s) => schools.includes(s));
    });
    return {
      colleagues: colleagues.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  protected summaryFacts(input: SubmitRequestInput): SummaryFact[] {
    if (input.kind !== 'password_sharing') return [];
    const colleague = input.sharedWithPersonId ? this.services.trust.findById(input.sharedWithPersonId)?.name : undefined;
    return [
      { title: 'Will be used by', value: colleague ?? escapeUserText(input.sharedWithName ?? '', 200) },
      { title: 'System', value: escapeUserText(input.system, 200) },
      { title: 'Why', value: escapeUserText(input.reason) },
      { title: 'From', value: displayDate(input.from) },
      { title: 'Until', value: `${displayDate(input.until)} (then you must change your password)` },
    ];
  }

  protected override helpText(): string {
    return 'Say who will use your account, on which system, why and for which days, then press **Next**. Never type your password here.';
  }
}
