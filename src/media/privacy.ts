import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

/**
 * The media plane stores no personal data. The TURN relay (coturn, when one is configured)
 * processes a participant's IP address in passing: it forwards their encrypted media to Janus
 * and keeps no record of either (its log reaches the app's log with addresses scrubbed).
 */
export const turnRelayPrivacy: PrivacyDeclaration = {
  domain: 'media',
  categories: [],
  processed: [
    {
      id: 'media.turn-relay',
      subjects: ['participant', 'staff'],
      situation: 'meeting',
      data: {
        en: 'the IP address and port of your device when your network lets audio and video reach us only through our relay server (TURN)',
        de: 'die IP-Adresse und den Port Ihres Geräts, wenn Ihr Netzwerk Ton und Video nur über unseren Relay-Server (TURN) zu uns lässt',
      },
      purpose: {
        en: 'Home routers and company firewalls often block a direct connection to our media server; the relay server then passes your audio and video on to it and the others’ back to you. It sees them only encrypted, as they travel between your browser and our media server.',
        de: 'Heimrouter und Firmen-Firewalls sperren oft die direkte Verbindung zu unserem Medienserver; der Relay-Server reicht Ihren Ton und Ihr Video dann an ihn weiter und die der anderen an Sie zurück. Er sieht sie nur verschlüsselt, so wie sie zwischen Ihrem Browser und unserem Medienserver laufen.',
      },
      recipients: {
        en: 'Nobody sees it; the relay server passes your media to our media server and to nobody else.',
        de: 'Niemand sieht sie ein; der Relay-Server gibt Ihre Medien an unseren Medienserver weiter und an niemanden sonst.',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'making our meetings reachable from networks that block direct connections',
          de: 'Erreichbarkeit unserer Meetings auch aus Netzwerken, die direkte Verbindungen sperren',
        },
      },
      notStored: {
        en: 'We do not store it: the relay server holds it in its working memory only while your connection lasts, and writes it into no database, file or log.',
        de: 'Wir speichern sie nicht: Der Relay-Server hält sie nur in seinem Arbeitsspeicher, solange Ihre Verbindung besteht, und schreibt sie in keine Datenbank, keine Datei und kein Protokoll.',
      },
    },
  ],
  notPersonal: {},
};
