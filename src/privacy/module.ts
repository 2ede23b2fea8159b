import type { PlenumModule } from '../shared/module.js';
import { auditPrivacy } from './privacy.js';

/**
 * The privacy center's own data (audit trail, portal links and sessions, requests). The center
 * itself, which reads every module's declaration and adds its own subject data, is wired by
 * src/plenum.ts.
 */
export const privacyModule: PlenumModule = {
  name: 'privacy',
  declaration: auditPrivacy,
};
