import type { ParticipantView, PublishKind } from './types';

/**
 * What the stage shows, decided from the room alone (no DOM): the user's layout choice, the
 * page they are on, and who speaks. The room client subscribes to exactly the videos this
 * arrangement shows (`shownVideos`), so a page switch switches the streams.
 */

/** gallery: pages of tiles; speaker: the active speaker large, the others in a filmstrip. */
export type LayoutMode = 'gallery' | 'speaker';

export interface StageItem {
  participant: ParticipantView;
  kind: PublishKind;
}

export interface Arrangement {
  /** screen: someone shares (the shares large, cameras beside); alone: nobody else is here. */
  view: LayoutMode | 'screen' | 'alone';
  /** The large area: a gallery page, the speaker, or the screen shares. */
  main: StageItem[];
  /** The filmstrip beside the large area (speaker and screen views). */
  strip: StageItem[];
  /** Gallery: the active speaker when they are on another page, shown small beside the self-view. */
  speakerInset?: StageItem;
  /** The user's own camera, small (picture in picture); in the main area when alone. */
  self?: StageItem;
  /** The page shown (of the gallery, or of the filmstrip), 0-based and within range, and how many there are. */
  page: number;
  pageCount: number;
}

export interface PageSizes {
  gallery: number;
  strip: number;
}

/** 3×3 on a desktop; a phone shows 2×3 and a shorter filmstrip. */
export const pageSizes = (narrow: boolean): PageSizes => (narrow ? { gallery: 6, strip: 3 } : { gallery: 9, strip: 4 });

export function arrange(input: {
  /** Everyone on the stage (a webinar's panel), self included, in the server's order. */
  participants: readonly ParticipantView[];
  selfId: string | undefined;
  /** Whether this browser shares its screen (its own publication may not be live yet). */
  selfSharing: boolean;
  mode: LayoutMode;
  /** The last one who spoke (not self), if any. */
  speakerId: string | undefined;
  page: number;
  sizes: PageSizes;
}): Arrangement {
  const self = input.participants.find((p) => p.id === input.selfId);
  const others = input.participants.filter((p) => p.id !== input.selfId);
  const selfItem = self ? { participant: self, kind: 'camera' as const } : undefined;
  const camera = (participant: ParticipantView): StageItem => ({ participant, kind: 'camera' });
  const screens = input.participants
    .filter((p) => (p.id === input.selfId ? input.selfSharing : p.screen))
    .map((participant): StageItem => ({ participant, kind: 'screen' }));

  if (others.length === 0 && screens.length === 0)
    return { view: 'alone', main: selfItem ? [selfItem] : [], strip: [], page: 0, pageCount: 1 };

  const speaker = others.find((p) => p.id === input.speakerId) ?? others.find((p) => p.camera) ?? others[0];
  const paged = <T>(items: readonly T[], size: number) => {
    const pageCount = Math.max(1, Math.ceil(items.length / size));
    const page = Math.min(Math.max(0, input.page), pageCount - 1);
    return { items: items.slice(page * size, (page + 1) * size), page, pageCount };
  };

  if (screens.length > 0) {
    // The speaker first in the filmstrip, so whoever talks about the shared screen is seen.
    const cameras = speaker ? [speaker, ...others.filter((p) => p !== speaker)] : others;
    const strip = paged(cameras, input.sizes.strip);
    return { view: 'screen', main: screens, strip: strip.items.map(camera), self: selfItem, page: strip.page, pageCount: strip.pageCount };
  }
  if (input.mode === 'speaker' && speaker) {
    const strip = paged(
      others.filter((p) => p !== speaker),
      input.sizes.strip,
    );
    return {
      view: 'speaker',
      main: [camera(speaker)],
      strip: strip.items.map(camera),
      self: selfItem,
      page: strip.page,
      pageCount: strip.pageCount,
    };
  }
  const gallery = paged(others, input.sizes.gallery);
  const offPage = speaker && !gallery.items.includes(speaker) && input.speakerId === speaker.id ? camera(speaker) : undefined;
  return {
    view: 'gallery',
    main: gallery.items.map(camera),
    strip: [],
    speakerInset: offPage,
    self: selfItem,
    page: gallery.page,
    pageCount: gallery.pageCount,
  };
}

/** Everyone else's videos the arrangement shows, as `${participantId}:${kind}` (what the room client subscribes to). */
export function shownVideos(arrangement: Arrangement, selfId: string | undefined): string[] {
  const items = [...arrangement.main, ...arrangement.strip, ...(arrangement.speakerInset ? [arrangement.speakerInset] : [])];
  return items
    .filter(({ participant, kind }) => participant.id !== selfId && participant[kind])
    .map(({ participant, kind }) => `${participant.id}:${kind}`);
}

const storageKey = 'plenum.room.layout';

/** The layout this browser's user chose last time (gallery at first). */
export function rememberedLayout(): LayoutMode {
  try {
    return localStorage.getItem(storageKey) === 'speaker' ? 'speaker' : 'gallery';
  } catch {
    return 'gallery';
  }
}

export function rememberLayout(mode: LayoutMode): void {
  try {
    localStorage.setItem(storageKey, mode);
  } catch {
    // Storage may be off (private mode): the choice then lasts as long as the page.
  }
}
