/** Texts of ending, leaving, inviting, roles and errors in the room; `roomControlDe` has the same keys. */
export const roomControlEn = {
  endTitle: 'End the meeting for everyone?',
  endText: 'Everyone in the meeting and in the waiting room is let go at once, and their audio and video end.',
  endConfirm: 'End meeting for all',
  endTitle_webinar: 'End the webinar for everyone?',
  endText_webinar: 'The broadcast ends for every attendee at once, and the panelists are let go.',
  endConfirm_webinar: 'End webinar for all',
  cancel: 'Cancel',
  leaveTitle: 'You are the host',
  leaveText: 'Before you leave, name who hosts after you, or end the meeting for everyone.',
  leaveNobody:
    'Nobody here can take over the host role (phone callers cannot). If you leave, the meeting goes on without a host until you or another host of your organisation rejoins.',
  nextHost: 'New host',
  handOver: 'Make host and leave',
  leaveAnyway: 'Leave without a host',
  invite: 'Invite',
  inviteTitle: 'Invite people',
  inviteLink: 'Link with passcode (joins in one click)',
  inviteMeetingNumber: 'Meeting ID',
  invitePasscode: 'Passcode',
  inviteDialIn: 'By phone',
  inviteDialInText: 'Call {{number}}, enter the meeting ID {{meetingNumber}} followed by #, then the PIN {{pin}} followed by #.',
  inviteDialInPersonal: 'Registered participants dial in with the personal PIN from their confirmation mail.',
  inviteText:
    'Join the meeting "{{title}}": {{link}}\nOr go to {{joinUrl}} and enter the meeting ID {{meetingNumber}} and the passcode {{passcode}}.',
  copyLink: 'Copy link',
  copyInvitation: 'Copy invitation',
  copied: 'Copied.',
  copyFailed: 'Copying did not work; select the text and copy it yourself.',
  loading: 'Loading…',
  close: 'Close',
  cohost: 'Co-host',
  removeTitle: 'Remove {{name}} from the meeting?',
  removeText:
    'They cannot come back with the same access. People who joined with the passcode can join again unless the meeting is locked.',
  makeCohost: 'Make co-host',
  removeCohost: 'Remove co-host role',
  nowHost: 'You are the host now: you let people in, mute, remove and can end the meeting.',
  nowHostAutomatic: 'The host left. You are the host now: you let people in, mute, remove and can end the meeting.',
  nowCohost: 'The host made you co-host: you can let people in, mute and remove participants.',
  noLongerCohost: 'You are no longer co-host.',
  dismiss: 'Dismiss',
  connectingViaRelay:
    'Your network blocks a direct connection, so audio and video go through the relay server. This takes a few seconds longer.',
  errors: {
    roomFull:
      'The meeting already shows as many cameras and screens as it can. Your camera or screen stays off; you can still speak and listen.',
    connectionLost: 'The connection to the meeting was lost. Check your network; the page reconnects by itself.',
    server: 'The meeting server has a problem, so audio and video are not available right now. Please try again in a moment.',
    screenUnsupported: 'This browser cannot share the screen.',
    mediaPath:
      'Audio and video cannot reach you: your network blocks the connection to the meeting server. You still see who is here and can chat. Try another network (for example your phone’s hotspot), or ask your IT department to allow connections to this server.',
  },
};

export const roomControlDe: typeof roomControlEn = {
  endTitle: 'Meeting für alle beenden?',
  endText: 'Alle im Meeting und im Warteraum werden sofort verabschiedet; Ton und Video enden.',
  endConfirm: 'Meeting für alle beenden',
  endTitle_webinar: 'Webinar für alle beenden?',
  endText_webinar: 'Die Übertragung endet sofort für alle Teilnehmenden, und die Vortragenden werden verabschiedet.',
  endConfirm_webinar: 'Webinar für alle beenden',
  cancel: 'Abbrechen',
  leaveTitle: 'Sie sind Host',
  leaveText: 'Bevor Sie gehen: Bestimmen Sie, wer nach Ihnen moderiert, oder beenden Sie das Meeting für alle.',
  leaveNobody:
    'Niemand hier kann die Host-Rolle übernehmen (Anrufende per Telefon nicht). Wenn Sie gehen, läuft das Meeting ohne Host weiter, bis Sie oder ein anderer Host Ihrer Organisation wieder beitreten.',
  nextHost: 'Neuer Host',
  handOver: 'Zum Host machen und gehen',
  leaveAnyway: 'Ohne Host verlassen',
  invite: 'Einladen',
  inviteTitle: 'Personen einladen',
  inviteLink: 'Link mit Kenncode (Beitritt mit einem Klick)',
  inviteMeetingNumber: 'Meeting-ID',
  invitePasscode: 'Kenncode',
  inviteDialIn: 'Per Telefon',
  inviteDialInText: 'Rufen Sie {{number}} an, geben Sie die Meeting-ID {{meetingNumber}} und # ein, danach die PIN {{pin}} und #.',
  inviteDialInPersonal: 'Angemeldete wählen sich mit der persönlichen PIN aus ihrer Bestätigungsmail ein.',
  inviteText:
    'Nehmen Sie am Meeting „{{title}}“ teil: {{link}}\nOder öffnen Sie {{joinUrl}} und geben Sie die Meeting-ID {{meetingNumber}} und den Kenncode {{passcode}} ein.',
  copyLink: 'Link kopieren',
  copyInvitation: 'Einladung kopieren',
  copied: 'Kopiert.',
  copyFailed: 'Kopieren hat nicht geklappt; markieren und kopieren Sie den Text bitte selbst.',
  loading: 'Wird geladen …',
  close: 'Schließen',
  cohost: 'Co-Host',
  removeTitle: '{{name}} aus dem Meeting entfernen?',
  removeText:
    'Mit demselben Zugang ist kein erneuter Beitritt möglich. Wer mit dem Kenncode beigetreten ist, kann erneut beitreten, solange das Meeting nicht gesperrt ist.',
  makeCohost: 'Zum Co-Host machen',
  removeCohost: 'Co-Host-Rolle entziehen',
  nowHost: 'Sie sind jetzt Host: Sie lassen Personen herein, schalten stumm, entfernen und können das Meeting beenden.',
  nowHostAutomatic:
    'Der Host ist gegangen. Sie sind jetzt Host: Sie lassen Personen herein, schalten stumm, entfernen und können das Meeting beenden.',
  nowCohost: 'Der Host hat Sie zum Co-Host gemacht: Sie können Personen hereinlassen, stummschalten und entfernen.',
  noLongerCohost: 'Sie sind nicht mehr Co-Host.',
  dismiss: 'Schließen',
  connectingViaRelay:
    'Ihr Netzwerk verhindert eine direkte Verbindung, daher laufen Ton und Video über den Relay-Server. Das dauert einige Sekunden länger.',
  errors: {
    roomFull:
      'Das Meeting zeigt schon so viele Kameras und Bildschirme, wie es kann. Ihre Kamera oder Ihr Bildschirm bleibt aus; Sprechen und Zuhören geht weiter.',
    connectionLost: 'Die Verbindung zum Meeting ist unterbrochen. Prüfen Sie Ihr Netzwerk; die Seite verbindet sich von selbst wieder.',
    server:
      'Der Meeting-Server hat ein Problem, deshalb sind Ton und Video gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
    screenUnsupported: 'Dieser Browser kann den Bildschirm nicht teilen.',
    mediaPath:
      'Ton und Video erreichen Sie nicht: Ihr Netzwerk blockiert die Verbindung zum Meeting-Server. Sie sehen weiterhin, wer da ist, und können chatten. Versuchen Sie ein anderes Netzwerk (zum Beispiel den Hotspot Ihres Telefons) oder bitten Sie Ihre IT-Abteilung, Verbindungen zu diesem Server zu erlauben.',
  },
};
