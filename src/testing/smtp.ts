import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP peer on loopback that can be told to refuse mail, or to hold its answer to each message until released. */
export async function startSmtpPeer() {
  const received: Received[] = [];
  let refusing = false;
  let holding = false;
  /** Messages whose DATA arrived while holding, waiting for their answer. */
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        const answer = () => {
          if (refusing) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 451 }));
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        };
        if (holding) held.push(answer);
        else answer();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (value: boolean) => (refusing = value),
    hold: () => (holding = true),
    /** How many messages wait for their answer. */
    holding: () => held.length,
    /** Answers the held messages and every later one at once. */
    release() {
      holding = false;
      for (const answer of held.splice(0)) answer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
