import type { en } from './en.js';

export const de: typeof en = {
  ERR_VALIDATION: 'Einige der gesendeten Angaben sind ungültig.',
  ERR_MALFORMED_JSON: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  ERR_BODY_TOO_LARGE: 'Der Inhalt der Anfrage ist zu groß.',
  ERR_UNSUPPORTED_MEDIA_TYPE: 'Bitte senden Sie den Inhalt als application/json.',
  ERR_NOT_FOUND: 'Nicht gefunden.',
  ERR_RATE_LIMITED: 'Zu viele Versuche. Bitte warten Sie {{retryAfter}} Sekunden und versuchen Sie es erneut.',
  ERR_INTERNAL: 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
  ERR_UNAUTHENTICATED: 'Bitte melden Sie sich an.',
  ERR_FORBIDDEN: 'Dazu sind Sie nicht berechtigt.',
  ERR_CROSS_ORIGIN: 'Diese Anfrage muss von der Plenum-Seite selbst kommen.',
  ERR_LOGIN_FAILED: 'E-Mail-Adresse oder Passwort ist falsch, oder das Konto ist deaktiviert.',
  ERR_TOTP_REQUIRED: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.',
  ERR_TOTP_INVALID: 'Der Authenticator-Code ist falsch oder abgelaufen.',
  ERR_TOTP_NOT_STARTED: 'Bitte beginnen Sie zuerst die Einrichtung der Zwei-Faktor-Anmeldung.',
  ERR_TOTP_ALREADY_ON:
    'Die Zwei-Faktor-Anmeldung ist bereits eingerichtet. Um eine neue Authenticator-App einzurichten, schalten Sie sie zuerst mit Ihrem Passwort aus.',
  ERR_SETUP_DONE: 'Plenum ist bereits eingerichtet. Bitte melden Sie sich an.',
  ERR_SETUP_TOKEN_INVALID: 'Dieser Einrichtungslink ist ungültig. Verwenden Sie den Link aus dem letzten Start.',
  ERR_INVITATION_INVALID:
    'Dieser Einladungslink ist ungültig oder abgelaufen. Bitten Sie eine Administratorin oder einen Administrator um einen neuen.',
  ERR_EMAIL_TAKEN: 'Es gibt bereits ein Mitarbeiterkonto mit dieser E-Mail-Adresse.',
  ERR_PASSWORD_WRONG: 'Das aktuelle Passwort ist falsch.',
  ERR_LAST_ADMIN:
    'Dies ist die letzte aktive Administratorin bzw. der letzte aktive Administrator; ernennen Sie zuerst eine weitere Person.',
  ERR_SELF_DISABLE: 'Sie können Ihr eigenes Konto nicht deaktivieren.',
  ERR_MEDIA_UNAVAILABLE: 'Audio und Video sind gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
  ERR_CLUSTER_UNAVAILABLE:
    'Beitreten ist gerade nicht möglich: Dieser Server erreicht den gemeinsamen Sitzungsspeicher nicht. Bitte versuchen Sie es in einer Minute erneut.',
  ERR_ROOM_MOVED: 'Dieses Meeting läuft jetzt auf einem anderen Server. Ihre Verbindung wird gleich neu aufgebaut.',
  ERR_ROOM_NO_ANSWER: 'Der Server dieses Meetings hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es gleich noch einmal.',
  ERR_ROOM_ELSEWHERE: 'Dieses Meeting läuft auf einem anderen Server. Ihre Verbindung wird gleich neu aufgebaut.',
  ERR_JOIN_REFUSED: 'Meeting-ID oder Kenncode ist falsch.',
  ERR_MEETING_ENDED: 'Dieses Meeting ist beendet. Sie können wieder teilnehmen, sobald der Host es erneut startet.',
  ERR_JOIN_SESSION_INVALID: 'Ihr Zugang zu diesem Meeting ist abgelaufen. Bitte treten Sie erneut bei.',
  ERR_WEBINAR_NOT_LIVE: 'Das Webinar hat noch nicht begonnen. Diese Seite wechselt von selbst dorthin, sobald der Host es startet.',
  ERR_WEBINAR_ATTENDEE: 'Teilnehmende eines Webinars sehen und hören zu; der Host kann Sie zum Sprechen einladen.',
  ERR_JOIN_LINK_INVALID:
    'Dieser Zugangslink ist (nicht mehr) gültig. Er wurde vielleicht widerrufen, oder die Veranstaltung ist vorbei oder abgesagt.',
  ERR_ROOM_LOCKED: 'Der Host hat dieses Meeting gesperrt: Gerade kann niemand beitreten.',
  ERR_REMOVED_FROM_ROOM: 'Der Host hat Sie aus diesem Meeting entfernt; Sie können nicht erneut beitreten.',
  ERR_LOBBY_WAITING: 'Sie warten noch darauf, dass der Host Sie hereinlässt.',
  ERR_UNMUTE_NOT_ALLOWED: 'Der Host hat alle stummgeschaltet und erlaubt nicht, das Mikrofon selbst wieder einzuschalten.',
  ERR_MEDIA_SWITCHED_TOO_OFTEN:
    'Sie haben Mikrofon, Kamera oder Bildschirmfreigabe sehr oft hintereinander eingeschaltet. Bitte versuchen Sie es in {{retryAfter}} s erneut; ausschalten können Sie jederzeit.',
  ERR_SCHEDULE_START_INVALID: 'Der Beginn ist kein gültiges Datum mit Uhrzeit. Geben Sie ein Datum und eine Uhrzeit ein.',
  ERR_MEETING_OF_EVENT: 'Dieses Meeting gehört zu einer Veranstaltung: Zeit und Zugangsdaten werden bei der Veranstaltung verwaltet.',
  ERR_MEETING_NOT_SCHEDULED: 'Dieses Meeting hat noch keinen Termin. Legen Sie zuerst einen Beginn fest.',
  ERR_ROOM_PUBLISHERS_FULL:
    'In diesem Meeting werden schon so viele Kameras und Bildschirme gezeigt, wie es fasst (höchstens {{max}}). Versuchen Sie es wieder, wenn jemand seine ausschaltet.',
  // Events and registration
  ERR_CAPTCHA_REQUIRED:
    'Nach mehreren falschen Versuchen ist hier zuerst die Anti-Spam-Prüfung zu lösen. Bitte lösen Sie sie und senden Sie das Formular erneut.',
  ERR_CAPTCHA_INVALID: 'Die Anti-Spam-Prüfung ist fehlgeschlagen oder wurde bereits verwendet. Bitte lösen Sie sie erneut.',
  ERR_REGISTRATION_CLOSED: 'Die Anmeldung zu dieser Veranstaltung ist nicht geöffnet.',
  ERR_EVENT_CANCELLED: 'Diese Veranstaltung wurde abgesagt.',
  ERR_REGISTRATION_LINK_INVALID: 'Dieser Link ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.',
  ERR_REGISTRATION_STATE: 'Diese Anmeldung befindet sich nicht in einem Zustand, der das erlaubt.',
  ERR_PHONE_INVALID: 'Das ist keine gültige Telefonnummer. Geben Sie die Ländervorwahl an, z. B. +49 30 1234567.',
  ERR_MARKUP_NOT_ALLOWED: 'Bitte verwenden Sie hier keine Zeichen < > oder Steuerzeichen.',
  ERR_EVENT_TIMES: 'Die Veranstaltung muss nach ihrem Beginn enden, und die Anmeldung muss vor ihrem Ende schließen.',
  ERR_SPEAKER_PHOTO_INVALID: 'Das Foto muss ein PNG-, JPEG- oder WebP-Bild von höchstens 5 MB sein.',
  ERR_EVENT_KIND_FIXED:
    'Ein Meeting bleibt ein Meeting und ein Webinar ein Webinar; legen Sie für die andere Art eine neue Veranstaltung an.',
  ERR_PANELISTS_WEBINAR_ONLY: 'Vortragende lädt man zu einem Webinar ein; in einem Meeting dürfen ohnehin alle sprechen.',
  ERR_EVENT_OVER: 'Diese Veranstaltung ist vorbei.',
  ERR_PANELIST_ALREADY_INVITED:
    'Diese Person ist zu diesem Webinar schon als Vortragende/r eingeladen. Um ihr einen neuen Link zu senden, ziehen Sie die Einladung zurück und laden Sie sie neu ein.',
  ERR_PANELIST_LINK_REVOKED:
    'Die Veranstalter haben diese Einladung zum Sprechen zurückgezogen; der Link gilt nicht mehr. Wenn Sie doch sprechen sollen, bitten Sie die Veranstalter um eine neue Einladung.',
  ERR_TIME_ZONE_INVALID: 'Unbekannte Zeitzone. Verwenden Sie einen Namen wie Europe/Berlin.',
  ERR_ANSWER_INVALID: 'Eine der Antworten passt nicht zu ihrer Frage.',
  ERR_FIELD_NOT_ASKED: 'Diese Veranstaltung fragt nach einer der gesendeten Angaben nicht; bitte lassen Sie sie weg.',
  ERR_RETENTION_DAYS: 'Eine Aufbewahrungsfrist muss eine ganze Zahl von 1 bis 3650 Tagen sein, oder leer für die Voreinstellung.',
  ERR_PRIVACY_LINK_INVALID: 'Dieser Link gilt nicht mehr: Er funktioniert einmal und 30 Minuten lang. Fordern Sie einen neuen an.',
  ERR_PRIVACY_SESSION_EXPIRED: 'Ihr Zugang ist abgelaufen. Fordern Sie einen neuen Link an.',
  ERR_PRIVACY_NOT_POSSIBLE: 'Das ist für diesen Eintrag nicht möglich.',
  ERR_PRIVACY_CATEGORY_UNKNOWN: 'Diese Datenkategorie gibt es nicht.',
  ERR_PRIVACY_DEADLINE: 'Die Frist kann einmal um höchstens zwei Monate verlängert werden, mit Begründung.',
  ERR_PRIVACY_HOLD_ENDED: 'Eine Aufbewahrungssperre muss heute oder später enden.',
  ERR_SETTINGS_COLOUR_CONTRAST:
    'Diese Farbe ist zu hell: Weiße Schrift darauf wäre schwer lesbar. Wählen Sie eine dunklere Farbe (Kontrast mindestens 4,5 zu 1 gegenüber Weiß).',
  ERR_SETTINGS_LOGO_INVALID: 'Das Logo muss ein PNG-, JPEG- oder WebP-Bild von höchstens 256 KB sein.',
  ERR_PROCESSOR_TRANSFER_BASIS:
    'Innerhalb der EU/des EWR wählen Sie „in der EU/im EWR“; außerhalb nennen Sie die Grundlage der Übermittlung (Angemessenheitsbeschluss, Standardvertragsklauseln oder verbindliche interne Vorschriften).',
  // Chat und Fragen
  ERR_MESSAGE_EMPTY: 'Bitte schreiben Sie zuerst etwas.',
  ERR_MESSAGE_TOO_LONG: 'Das ist zu lang: höchstens {{max}} Zeichen.',
  ERR_QA_UNAVAILABLE: 'Fragen und Antworten gibt es in Webinaren.',
  ERR_ALREADY_VOTED: 'Sie haben für diese Frage bereits gestimmt.',
  ERR_PSEUDONYM_TAKEN: 'Bitte wählen Sie einen anderen Namen: Dieser ist vergeben oder könnte mit jemand anderem verwechselt werden.',
  // Aufzeichnung
  ERR_RECORDING_NOT_ALLOWED:
    'Dieses Meeting darf nicht aufgezeichnet werden. Die Veranstalterin / der Veranstalter kann es zuerst auf der Meeting- oder Veranstaltungsseite erlauben.',
  ERR_RECORDING_ACTIVE: 'Es läuft bereits eine Aufzeichnung.',
  ERR_RECORDING_NOT_ACTIVE: 'Gerade wird nichts aufgezeichnet.',
  ERR_RECORDING_NOTICE_UNKNOWN: 'Der Hinweis zur Aufzeichnung hat sich geändert. Bitte lesen Sie ihn erneut und entscheiden Sie.',
  ERR_RECORDING_NOT_ASKED:
    'Sie schauen zu und senden weder Ton noch Bild: Von Ihnen wird nichts aufgezeichnet, eine Einwilligung ist nicht nötig.',
  ERR_RECORDING_NOT_READY: 'Die Aufzeichnung ist noch nicht fertig, oder es wurde nichts aufgezeichnet.',
  ERR_RECORDING_FOLLOWS_EVENT:
    'Dieser Raum gehört zu einer Veranstaltung: Ob er aufgezeichnet werden darf, legen Sie in den Einstellungen der Veranstaltung fest.',
  'validation.field': '{{field}}: {{message}}',
};
