import type { InjectOptions, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Inject = (method: Method, url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

/**
 * `app.inject` for tests that are not about rate limits: each request comes from a client address
 * of its own (172.16.0.0/12, which no test picks by hand), so the per-address request limit and
 * the per-client failure counters never answer 429 in their place. Tests about a limit pick their
 * addresses themselves. `app` is asked on every call, so the helper can be made before the
 * Plenum it talks to is started.
 */
export function injectFromFreshClients(app: () => { inject(options: InjectOptions): Promise<LightMyRequestResponse> }): Inject {
  let client = 0;
  return (method, url, payload, headers = {}) => {
    client++;
    const remoteAddress = `172.${16 + ((client >> 16) & 15)}.${(client >> 8) & 255}.${client & 255}`;
    return app().inject({ method, url, payload: payload as InjectOptions['payload'], headers, remoteAddress });
  };
}
