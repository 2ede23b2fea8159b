import { accountsPrivacy } from '../accounts/privacy.js';
import { callbackPrivacy } from '../callback/privacy.js';
import { chatPrivacy } from '../chat/privacy.js';
import { eventsPrivacy } from '../events/privacy.js';
import { mailPrivacy } from '../mail/privacy.js';
import { qaPrivacy } from '../qa/privacy.js';
import { recordingPrivacy } from '../recording/privacy.js';
import { roomsPrivacy } from '../rooms/privacy.js';
import { telephonyPrivacy } from '../telephony/privacy.js';
import { auditPrivacy } from './privacy.js';
import type { PrivacyDeclaration } from './registry.js';

/** Every domain's declaration. A domain that keeps personal data adds its own here. */
export const privacyDeclarations: readonly PrivacyDeclaration[] = [
  accountsPrivacy,
  mailPrivacy,
  auditPrivacy,
  eventsPrivacy,
  roomsPrivacy,
  callbackPrivacy,
  chatPrivacy,
  qaPrivacy,
  recordingPrivacy,
  telephonyPrivacy,
];
