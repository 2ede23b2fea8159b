import { healthy, type ComponentState } from '@shared/api/health.js';
import { http } from '../../api/client';

export type { ComponentState };

/** 503 (the store does not answer) arrives as an ApiError, as any failure. */
export const fetchHealth = () => http.read('/healthz', healthy);
