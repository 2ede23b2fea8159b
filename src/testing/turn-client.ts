import { createSocket } from 'node:dgram';
import { classes, makeIntegrityKey, Message, methods, parseMessage } from 'werift';

/**
 * A minimal TURN client over UDP (RFC 8656, long-term credentials) on werift's STUN messages:
 * each step answers what coturn said, so a refusal is read as its error code.
 */
export class TurnSession {
  private readonly socket = createSocket('udp4');
  private key?: Buffer;
  private realm = '';
  private nonce: Buffer = Buffer.alloc(0);
  relayed?: [string, number];

  constructor(
    private readonly server: [string, number],
    private readonly username: string,
    private readonly password: string,
  ) {}

  private exchange(request: Message): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer from the TURN server')), 3000);
      this.socket.once('message', (data) => {
        clearTimeout(timer);
        resolve(parseMessage(data)!);
      });
      this.socket.send(request.bytes, this.server[1], this.server[0]);
    });
  }

  private async authenticated(method: methods, attributes: (m: Message) => Message): Promise<number | 'ok'> {
    const request = attributes(new Message(method, classes.REQUEST))
      .setAttribute('USERNAME', this.username)
      .setAttribute('REALM', this.realm)
      .setAttribute('NONCE', this.nonce)
      .addMessageIntegrity(this.key!)
      .addFingerprint();
    const answer = await this.exchange(request);
    if (answer.messageClass === classes.RESPONSE) {
      if (method === methods.ALLOCATE) this.relayed = answer.getAttributeValue('XOR-RELAYED-ADDRESS') as [string, number];
      return 'ok';
    }
    return (answer.getAttributeValue('ERROR-CODE') as [number, string])[0];
  }

  /** Allocate; `transport` 17 is UDP, 6 TCP (RFC 6062). */
  async allocate(transport = 17): Promise<number | 'ok'> {
    const requested = (m: Message) => m.setAttribute('REQUESTED-TRANSPORT', transport << 24);
    const challenge = await this.exchange(requested(new Message(methods.ALLOCATE, classes.REQUEST)));
    this.realm = challenge.getAttributeValue('REALM') as string;
    this.nonce = challenge.getAttributeValue('NONCE') as Buffer;
    this.key = makeIntegrityKey(this.username, this.realm, this.password);
    return this.authenticated(methods.ALLOCATE, requested);
  }

  permit(peer: string): Promise<number | 'ok'> {
    return this.authenticated(methods.CREATE_PERMISSION, (m) => m.setAttribute('XOR-PEER-ADDRESS', [peer, 9]));
  }

  /** A Send indication: the relay forwards `data` to the peer from its relayed address. */
  send(peer: [string, number], data: Buffer): void {
    const indication = new Message(methods.SEND, classes.INDICATION).setAttribute('XOR-PEER-ADDRESS', peer).setAttribute('DATA', data);
    this.socket.send(indication.bytes, this.server[1], this.server[0]);
  }

  close(): void {
    this.socket.close();
  }
}

/** One allocation attempt; what coturn answered ('ok' or its error code). */
export async function allocate(server: [string, number], username: string, password: string, transport = 17): Promise<number | 'ok'> {
  const session = new TurnSession(server, username, password);
  try {
    return await session.allocate(transport);
  } finally {
    session.close();
  }
}
