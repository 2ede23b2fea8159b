import { callList, dialIn, type CallRecord, type DialIn } from '@shared/api/telephony.js';
import { http } from '../../api/client';

/** Call records and dial-in details as the API answers (src/shared/api/telephony.ts). */
export type { CallRecord, DialIn };

export const fetchCalls = () => http.read('/api/calls', callList);

export const fetchDialIn = (roomId: string) => http.read(`/api/meetings/${encodeURIComponent(roomId)}/dial-in`, dialIn);
