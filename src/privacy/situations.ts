import type { Situation, Text } from '../shared/privacy-declaration.js';

/**
 * The notice's sections, one per situation in which a person meets Plenum, in the order a reader
 * meets them: a title and the opening sentences that say what happens without being stored (live
 * picture and sound, chat, polls), paragraphs parted by a line break. The declared categories of
 * each situation follow them.
 */
export const situationTexts: Record<Situation, { title: Text; intro: Text }> = {
  registration: {
    title: { en: 'Registering for an event', de: 'Anmeldung zu einer Veranstaltung' },
    intro: {
      en: 'To take part in an event, you register on its registration page. We then send you a mail to confirm your address and, once you are admitted, your personal join link.',
      de: 'Um an einer Veranstaltung teilzunehmen, melden Sie sich auf ihrer Anmeldeseite an. Wir senden Ihnen dann eine E-Mail zur Bestätigung Ihrer Adresse und, sobald Sie zugelassen sind, Ihren persönlichen Zugangslink.',
    },
  },
  meeting: {
    title: { en: 'Taking part in a meeting or webinar', de: 'Teilnahme an einem Meeting oder Webinar' },
    intro: {
      en: 'You take part in the browser, with your personal link or with the meeting number and passcode, under the name you enter. Your camera and microphone are off when you join; you switch them on and off yourself at any time. Picture and sound go live and encrypted to the other participants and are not stored unless a recording is announced (see “Recording”).\nIn a meeting, everyone sees the names of all participants and the picture of everyone whose camera is on. In a webinar, the host and the panelists present; attendees see them, the number of attendees and themselves, never another attendee, and they send neither picture nor sound unless the host brings them onto the panel. Towards other attendees, an attendee appears in chat and questions under a pseudonym, a number or a name of their choice; the host and the panelists see the real names.\nThe legal basis for this live transmission is Art. 6(1)(b) GDPR for events you registered for and otherwise our legitimate interest in holding online meetings effectively (Art. 6(1)(f) GDPR).',
      de: 'Sie nehmen im Browser teil, mit Ihrem persönlichen Link oder mit Meeting-Nummer und Kenncode, unter dem Namen, den Sie eingeben. Kamera und Mikrofon sind beim Beitritt ausgeschaltet; Sie schalten sie jederzeit selbst ein und aus. Bild und Ton gehen live und verschlüsselt an die anderen Teilnehmenden und werden nicht gespeichert, es sei denn, eine Aufzeichnung wird angekündigt (siehe „Aufzeichnung“).\nIn einem Meeting sehen alle die Namen aller Teilnehmenden und das Bild aller, deren Kamera eingeschaltet ist. In einem Webinar tragen die Veranstalter und die Vortragenden vor; Teilnehmende sehen diese, die Zahl der Teilnehmenden und sich selbst, nie andere Teilnehmende, und sie senden weder Bild noch Ton, solange die Veranstalter sie nicht zu den Vortragenden holen. Gegenüber anderen Teilnehmenden erscheinen Teilnehmende im Chat und bei Fragen unter einem Pseudonym, einer Nummer oder einem selbst gewählten Namen; die Veranstalter und die Vortragenden sehen die echten Namen.\nRechtsgrundlage dieser Live-Übertragung ist Art. 6 Abs. 1 lit. b DSGVO bei Veranstaltungen, zu denen Sie sich angemeldet haben, und sonst unser berechtigtes Interesse an der wirksamen Durchführung von Online-Meetings (Art. 6 Abs. 1 lit. f DSGVO).',
    },
  },
  chat: {
    title: { en: 'Chat and minutes', de: 'Chat und Protokoll' },
    intro: {
      en: 'Chat messages exist only in the memory of the live meeting and are gone when it ends. They are stored only while the host has switched on minutes logging; everyone sees a banner then.',
      de: 'Chatnachrichten bestehen nur im Arbeitsspeicher des laufenden Meetings und sind mit seinem Ende verschwunden. Gespeichert werden sie nur, solange die Veranstalter die Protokollierung eingeschaltet haben; alle sehen dann ein Banner.',
    },
  },
  qa: {
    title: { en: 'Questions (Q&A) and polls', de: 'Fragen (Q&A) und Umfragen' },
    intro: {
      en: 'In a webinar you can put questions in writing to the host and the panelists, with your name or anonymously. Polls are anonymous: everyone sees the counts, nobody sees who voted for what, and they exist only in the memory of the live meeting; nothing of them is stored.',
      de: 'In einem Webinar können Sie den Veranstaltern und den Vortragenden schriftlich Fragen stellen, mit Ihrem Namen oder anonym. Umfragen sind anonym: Alle sehen die Zahl der Stimmen, niemand sieht, wer wofür gestimmt hat, und sie bestehen nur im Arbeitsspeicher des laufenden Meetings; von ihnen wird nichts gespeichert.',
    },
  },
  recording: {
    title: { en: 'Recording', de: 'Aufzeichnung' },
    intro: {
      en: 'As a rule, meetings are not recorded. A recording can start only after the host has announced it and asked the participants; only the own tracks of those who consented are written. You can refuse your consent, and withdraw it at any time with effect for the future.',
      de: 'In der Regel werden Meetings nicht aufgezeichnet. Eine Aufzeichnung kann erst beginnen, nachdem die Veranstalter sie angekündigt und die Teilnehmenden gefragt haben; geschrieben werden nur die eigenen Spuren derer, die eingewilligt haben. Sie können Ihre Einwilligung verweigern und jederzeit mit Wirkung für die Zukunft widerrufen.',
    },
  },
  phone: {
    title: { en: 'Dialling in by phone', de: 'Einwahl per Telefon' },
    intro: {
      en: 'If an event offers it, you can dial in by phone instead of joining in the browser; the other participants then hear you.',
      de: 'Wenn eine Veranstaltung es anbietet, können Sie sich per Telefon einwählen, statt im Browser teilzunehmen; die anderen Teilnehmenden hören Sie dann.',
    },
  },
  callback: {
    title: { en: 'Callback request', de: 'Rückrufbitte' },
    intro: {
      en: 'You can ask us to call you back; the form is on a page of its own.',
      de: 'Sie können uns bitten, Sie zurückzurufen; das Formular steht auf einer eigenen Seite.',
    },
  },
  mail: {
    title: { en: 'Mails we send', de: 'E-Mails, die wir senden' },
    intro: {
      en: 'We send you only the mails you need for what you asked for: the confirmation of your registration, your personal join link, changes to your event and links to your data.',
      de: 'Wir senden Ihnen nur die E-Mails, die Sie für Ihr Anliegen brauchen: die Bestätigung Ihrer Anmeldung, Ihren persönlichen Zugangslink, Änderungen Ihrer Veranstaltung und Links zu Ihren Daten.',
    },
  },
  privacy: {
    title: {
      en: 'The self-service page and requests to our data protection officer',
      de: 'Selbstauskunftsseite und Anfragen zum Datenschutz',
    },
    intro: {
      en: 'On our self-service page you can see, download, correct and delete what we store under your email address, once a link sent to that mailbox has shown that it is yours. You can also write to us or to our data protection officer.',
      de: 'Auf unserer Selbstauskunftsseite können Sie einsehen, herunterladen, berichtigen und löschen, was wir unter Ihrer E-Mail-Adresse speichern, sobald ein an dieses Postfach gesandter Link gezeigt hat, dass es Ihres ist. Sie können sich auch schriftlich an uns oder an die oder den Datenschutzbeauftragten wenden.',
    },
  },
  staff: {
    title: { en: 'For our staff: staff accounts', de: 'Für unsere Mitarbeitenden: Mitarbeiterkonten' },
    intro: {
      en: 'This part is for the members of our staff who run events with Plenum: hosts, administrators and the data protection officer.',
      de: 'Dieser Teil richtet sich an unsere Mitarbeitenden, die mit Plenum Veranstaltungen durchführen: Veranstalter, Administration und Datenschutzbeauftragte.',
    },
  },
};
