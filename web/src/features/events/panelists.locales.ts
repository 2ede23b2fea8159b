/** Texts of the host's panelist invitations on the events page; `panelistsDe` has the same keys. */
export const panelistsEn = {
  show: 'Panelists',
  title: 'Panelists of “{{title}}”',
  intro:
    'Invite the people who speak with you. Each gets an email with a personal link: it lets only them onto the panel, where they check camera and microphone and wait backstage with you until you start the webinar.',
  name: 'Name',
  nameHint: 'As attendees will see it on the panel.',
  email: 'Email address',
  invite: 'Send invitation',
  invited: 'Invitation sent to {{email}}.',
  none: 'Nobody is invited yet. Attendees you invite to speak in the room need no invitation here.',
  panelist: 'Panelist',
  state: 'State',
  invitedOn: 'on {{date}}',
  active: 'Invited',
  withdrawn: 'Withdrawn {{date}}',
  withdraw: 'Withdraw invitation',
  withdrawConfirm:
    'Withdraw the invitation of {{name}}? Their link stops working at once, and if they are in the webinar, they are taken out.',
  overNote: 'The webinar is over or cancelled: no more invitations.',
};

export const panelistsDe: typeof panelistsEn = {
  show: 'Vortragende',
  title: 'Vortragende in „{{title}}“',
  intro:
    'Laden Sie die Personen ein, die mit Ihnen sprechen. Jede erhält eine E-Mail mit einem persönlichen Link: Er lässt nur sie auf das Podium, wo sie Kamera und Mikrofon prüft und mit Ihnen im Backstage wartet, bis Sie das Webinar starten.',
  name: 'Name',
  nameHint: 'So sehen die Teilnehmenden ihn auf dem Podium.',
  email: 'E-Mail-Adresse',
  invite: 'Einladung senden',
  invited: 'Einladung an {{email}} gesendet.',
  none: 'Noch niemand ist eingeladen. Teilnehmende, die Sie im Raum zum Sprechen einladen, brauchen hier keine Einladung.',
  panelist: 'Vortragende/r',
  state: 'Stand',
  invitedOn: 'am {{date}}',
  active: 'Eingeladen',
  withdrawn: 'Zurückgezogen am {{date}}',
  withdraw: 'Einladung zurückziehen',
  withdrawConfirm:
    'Die Einladung von {{name}} zurückziehen? Der Link funktioniert dann sofort nicht mehr, und wer schon im Webinar ist, wird hinausgenommen.',
  overNote: 'Das Webinar ist vorbei oder abgesagt: keine weiteren Einladungen.',
};
