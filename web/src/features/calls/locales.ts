/** Texts of the call records page; `callsDe` has the same keys. */
export const callsEn = {
  title: 'Phone calls',
  lead: 'Calls that dialled in by phone: hosts see the calls into their meetings, the data protection officer all calls. Each record is deleted 90 days after the call.',
  empty: 'No calls.',
  started: 'Start',
  ended: 'End',
  caller: 'Caller number',
  called: 'Called number',
  country: 'Country',
  connection: 'Connection',
  meeting: 'Meeting',
  outcome: 'Outcome',
  outcomes: { 'in-ivr': 'Entering the meeting ID', admitted: 'Admitted', refused: 'Refused (wrong entries)', abandoned: 'Hung up before admission' },
  noMeeting: '—',
  running: 'ongoing',
};

export const callsDe: typeof callsEn = {
  title: 'Telefonanrufe',
  lead: 'Telefonische Einwahlen: Veranstalter sehen die Anrufe in ihre Meetings, die bzw. der Datenschutzbeauftragte alle Anrufe. Jeder Datensatz wird 90 Tage nach dem Anruf gelöscht.',
  empty: 'Keine Anrufe.',
  started: 'Beginn',
  ended: 'Ende',
  caller: 'Anrufende Nummer',
  called: 'Angerufene Nummer',
  country: 'Land',
  connection: 'Verbindung',
  meeting: 'Meeting',
  outcome: 'Ergebnis',
  outcomes: { 'in-ivr': 'Gibt die Meeting-ID ein', admitted: 'Eingelassen', refused: 'Abgewiesen (falsche Eingaben)', abandoned: 'Vor dem Einlass aufgelegt' },
  noMeeting: '—',
  running: 'läuft',
};
