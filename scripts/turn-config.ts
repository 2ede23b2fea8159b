/**
 * Prints turnserver.conf for a coturn on its own machine, by the same rules as the embedded one
 * (no open relay, short-lived credentials only, quotas). On the TURN machine:
 *   TURN_SECRET=… TURN_LISTEN_IP=203.0.113.20 TURN_PEER_IPS=203.0.113.10 \
 *     npm run -s turn:config > /etc/turnserver.conf
 * The app then runs with TURN_MODE=external, the same TURN_SECRET and TURN_URLS.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { renderCoturnConfig } from '../src/media/turn-relay.js';

try {
  const config = loadConfig({ ...process.env, TURN_MODE: 'embedded' });
  if (config.turn?.mode !== 'embedded' || !config.turn.secret) {
    throw new ConfigError('TURN_SECRET: required; the app (TURN_MODE=external) and this coturn share it');
  }
  // Debian's coturn keeps its state in /var/lib/turn.
  process.stdout.write(renderCoturnConfig(config.turn, config.turn.secret, '/var/lib/turn', true));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
