/** Texts of the stage's layouts; `layoutDe` has the same keys. */
export const layoutEn = {
  label: 'Layout',
  gallery: 'Gallery',
  speaker: 'Speaker',
  pages: 'Pages of videos',
  previous: 'Previous page',
  next: 'Next page',
  pageOf: 'Page {{page}} of {{count}}',
  sharing: 'Screen sharing',
  alone: 'Nobody else is here yet.',
  alonePanel: 'You are the only speaker so far; attendees watch the broadcast.',
  handRaisedBy: '{{name}} raised a hand',
  handsRaised_one: '{{count}} hand raised',
  handsRaised_other: '{{count}} hands raised',
  dismiss: 'Close',
};

export const layoutDe: typeof layoutEn = {
  label: 'Ansicht',
  gallery: 'Galerie',
  speaker: 'Sprecher',
  pages: 'Seiten der Videos',
  previous: 'Vorige Seite',
  next: 'Nächste Seite',
  pageOf: 'Seite {{page}} von {{count}}',
  sharing: 'Bildschirmfreigabe',
  alone: 'Noch ist niemand sonst da.',
  alonePanel: 'Bisher sprechen nur Sie; die Teilnehmenden schauen die Übertragung.',
  handRaisedBy: '{{name}} hat die Hand gehoben',
  handsRaised_one: '{{count}} Hand gehoben',
  handsRaised_other: '{{count}} Hände gehoben',
  dismiss: 'Schließen',
};
