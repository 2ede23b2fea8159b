import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const roomsPrivacy: PrivacyDeclaration = {
  domain: 'rooms',
  categories: [
    {
      id: 'rooms.host',
      subjects: ['staff'],
      table: 'rooms',
      columns: ['host_account_id', 'owner_id'],
      situation: 'staff',
      data: { en: 'which meetings you host and which you created', de: 'welche Meetings Sie leiten und welche Sie angelegt haben' },
      purpose: {
        en: 'It decides who may moderate a meeting and who may manage it.',
        de: 'Danach richtet sich, wer ein Meeting moderieren und wer es verwalten darf.',
      },
      recipients: { en: 'Our administrators see it.', de: 'Unsere Administration sieht es ein.' },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'employment or service contract of the host',
          de: 'Arbeits- oder Dienstvertrag der Veranstalterin / des Veranstalters',
        },
      },
      // Not deleted by age: a meeting room is used again and again, and its recordings, minutes
      // and questions (possibly under a legal hold) hang off it.
      retention: {
        kind: 'while',
        text: { en: 'We keep it as long as the meeting exists.', de: 'Wir speichern es, solange das Meeting besteht.' },
        thenDays: 0,
      },
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'rooms.attendance',
      subjects: ['participant'],
      table: 'room_attendance',
      columns: ['display_name', 'registration_id', 'joined_at', 'left_at'],
      situation: 'meeting',
      data: {
        en: 'the name you join under, your registration if you came with your personal link, and when you joined and left',
        de: 'den Namen, unter dem Sie teilnehmen, Ihre Anmeldung, wenn Sie über Ihren persönlichen Link gekommen sind, und wann Sie beigetreten sind und den Raum verlassen haben',
      },
      purpose: {
        en: 'The host receives an attendance report from them: who took part from when to when, for follow-up and as proof of attendance.',
        de: 'Die Veranstalter erhalten daraus einen Teilnahmebericht – wer von wann bis wann teilgenommen hat – zur Nachbereitung und als Teilnahmenachweis.',
      },
      recipients: {
        en: 'The host of the meeting and our administrators see the report.',
        de: 'Die Veranstalter des Meetings und unsere Administration sehen den Bericht ein.',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'documenting participation in events for follow-up and proof of attendance',
          de: 'Dokumentation der Teilnahme für Nachbereitung und Teilnahmenachweise',
        },
      },
      retention: { kind: 'after', column: 'joined_at', days: 180 },
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'rooms.join-sessions',
      subjects: ['participant', 'registrant', 'staff'],
      keptIn: 'redis',
      table: 'redis:join-sessions',
      columns: ['displayName', 'role', 'roomId', 'registrationId', 'accountId', 'expiresAt'],
      situation: 'meeting',
      data: {
        en: 'the name you join under, your role in the meeting, the meeting, and your registration or staff account if you came through them',
        de: 'den Namen, unter dem Sie teilnehmen, Ihre Rolle im Meeting, das Meeting sowie Ihre Anmeldung oder Ihr Mitarbeiterkonto, wenn Sie darüber gekommen sind',
      },
      purpose: {
        en: 'They let you into the running meeting after you joined (with its passcode, your personal link or as its host), on whichever of our application servers you reach, and end your access when the meeting ends or you are removed. We keep them in the server’s memory, or in Redis when several application servers run, under a hash of your access key, never the key itself.',
        de: 'Damit lassen wir Sie nach Ihrem Beitritt (mit dem Kenncode, Ihrem persönlichen Link oder als Veranstalter/in) in das laufende Meeting, auf welchem unserer Anwendungsserver Sie auch ankommen, und beenden Ihren Zugang, wenn das Meeting endet oder Sie entfernt werden. Wir halten sie im Arbeitsspeicher des Servers oder, wenn mehrere Anwendungsserver laufen, in Redis, unter einem Hash Ihres Zugangsschlüssels, nie unter dem Schlüssel selbst.',
      },
      recipients: {
        en: 'Nobody reads them; the application servers check them when you connect to the meeting.',
        de: 'Niemand liest sie; die Anwendungsserver prüfen sie, wenn Sie sich mit dem Meeting verbinden.',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: { en: 'the participation you asked for', de: 'die von Ihnen gewünschte Teilnahme' },
      },
      retention: {
        kind: 'until',
        text: {
          en: 'We delete them 12 hours after you joined, or earlier when the meeting ends, you are removed, or your registration is erased or its link revoked.',
          de: 'Wir löschen sie 12 Stunden nach Ihrem Beitritt oder früher, wenn das Meeting endet, Sie entfernt werden oder Ihre Anmeldung gelöscht oder ihr Link widerrufen wird.',
        },
      },
      rights: { export: false, correct: false, erase: true },
    },
    {
      id: 'rooms.pseudonyms',
      subjects: ['participant', 'registrant', 'staff'],
      keptIn: 'redis',
      table: 'redis:room-shared-state',
      columns: ['number', 'chosen'],
      situation: 'chat',
      data: {
        en: 'the pseudonym under which other attendees of a webinar see you: your attendee number and, if you chose one, the name you chose',
        de: 'das Pseudonym, unter dem andere Teilnehmende eines Webinars Sie sehen: Ihre Teilnehmernummer und, wenn Sie einen gewählt haben, den von Ihnen gewählten Namen',
      },
      purpose: {
        en: 'Other attendees see you under the same pseudonym for the whole webinar, even when one of our application servers fails and another takes the webinar over. We keep it in Redis only when several application servers run, under your registration, staff account or participant number, never together with your real name.',
        de: 'So sehen andere Teilnehmende Sie während des ganzen Webinars unter demselben Pseudonym, auch wenn einer unserer Anwendungsserver ausfällt und ein anderer das Webinar übernimmt. Wir halten es nur dann in Redis, wenn mehrere Anwendungsserver laufen, unter Ihrer Anmeldung, Ihrem Mitarbeiterkonto oder Ihrer Teilnehmerkennung, nie zusammen mit Ihrem echten Namen.',
      },
      recipients: {
        en: 'Nobody reads it there; the application server that runs the webinar shows it to the other attendees next to what you write.',
        de: 'Niemand liest es dort; der Anwendungsserver, der das Webinar betreibt, zeigt es den anderen Teilnehmenden neben dem, was Sie schreiben.',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'showing webinar attendees to each other without their real names, consistently for the whole webinar',
          de: 'Teilnehmende eines Webinars einander ohne ihre echten Namen zu zeigen, gleichbleibend für das ganze Webinar',
        },
      },
      retention: {
        kind: 'until',
        text: {
          en: 'We delete it when the webinar ends or the last person leaves it, and otherwise at the latest 12 hours after the webinar’s shared state was last written; earlier for you when your registration is erased or its link revoked.',
          de: 'Wir löschen es, wenn das Webinar endet oder die letzte Person es verlässt, und sonst spätestens 12 Stunden, nachdem der gemeinsame Zustand des Webinars zuletzt geschrieben wurde; für Sie früher, wenn Ihre Anmeldung gelöscht oder ihr Link widerrufen wird.',
        },
      },
      rights: { export: false, correct: false, erase: true },
    },
  ],
  notPersonal: {
    rooms: [
      'id',
      'meeting_number',
      'passcode',
      'title',
      'kind',
      'event_id',
      'created_at',
      'ended_at',
      'lobby',
      'scheduled_start_at',
      'time_zone',
      'duration_minutes',
      'recurrence',
    ],
    room_attendance: ['id', 'room_id', 'role'],
  },
};
