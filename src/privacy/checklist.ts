import { unconfiguredOrganisationName } from '../config.js';
import type { ChecklistItem } from '../shared/api/privacy.js';
import type { ControllerSource, ProcessorInfo } from './notice.js';

/**
 * What the admin still has to declare before the notice can state it: the notice never guesses
 * who the controller is, where the servers stand or who delivers mail and carries calls. The
 * dashboard and the notice preview show the open items; the public notice leaves them out (or
 * says plainly that the controller's details are missing) instead of asserting anything.
 */

export type { ChecklistItem };

export interface SystemUses {
  /** Mail leaves through SMTP (else it stays in the local outbox and no provider is involved). */
  smtp: boolean;
  /** Phone dial-in is on. */
  telephony: boolean;
}

function declared(operator: 'own' | 'provider' | undefined, service: ProcessorInfo['service'], processors: readonly ProcessorInfo[]) {
  return operator === 'own' || (operator === 'provider' && processors.some((p) => p.service === service));
}

export function noticeChecklist(controller: ControllerSource, processors: readonly ProcessorInfo[], uses: SystemUses): ChecklistItem[] {
  const items: ChecklistItem[] = [
    { key: 'name', done: controller.name !== unconfiguredOrganisationName, required: true, where: 'settings' },
    { key: 'address', done: Boolean(controller.address), required: true, where: 'settings' },
    { key: 'privacyEmail', done: Boolean(controller.privacyEmail), required: true, where: 'settings' },
    { key: 'authority', done: Boolean(controller.authority), required: false, where: 'settings' },
    { key: 'dpo', done: Boolean(controller.dpo), required: false, where: 'settings' },
    {
      key: 'hosting',
      done: controller.hosting === 'own' ? Boolean(controller.hostingCountry) : declared(controller.hosting, 'hosting', processors),
      required: true,
      where: controller.hosting === 'provider' ? 'processors' : 'settings',
    },
  ];
  if (uses.smtp)
    items.push({
      key: 'mail',
      done: declared(controller.mail, 'mail', processors),
      required: true,
      where: controller.mail === 'provider' ? 'processors' : 'settings',
    });
  if (uses.telephony)
    items.push({
      key: 'telephony',
      done: declared(controller.telephony, 'telephony', processors),
      required: true,
      where: controller.telephony === 'provider' ? 'processors' : 'settings',
    });
  return items;
}
