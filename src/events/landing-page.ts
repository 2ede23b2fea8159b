import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Language } from '../config.js';
import { AppError } from '../errors.js';
import { escapeHtml } from '../http/page-shell.js';
import { logoUrl, type SettingsService } from '../settings/service.js';
import type { PublicEvent } from '../shared/api/events.js';
import type { EventsService } from './events-service.js';
import { formatEventTime } from './mails.js';
import { initials } from '../shared/initials.js';

const words = {
  en: { speakers: 'Speakers', loading: 'The registration form is loading …' },
  de: { speakers: 'Vortragende', loading: 'Das Anmeldeformular wird geladen …' },
};

/**
 * The registration page as the server sends it: the organisation, the event's title, its time in
 * the event's zone (the browser shows the viewer's own time once the script runs), the description
 * and the speakers, readable before the JavaScript has loaded. Everything from the host is escaped
 * here, except the description, which is the Markdown renderer's safe HTML.
 */
export function landingShell(event: PublicEvent, organisation: { name: string; logoUrl: string | null }, language: Language): string {
  const w = words[language];
  const logo = organisation.logoUrl ? `<img class="landing-logo" src="${escapeHtml(organisation.logoUrl)}" alt="" height="40">` : '';
  const speakers = event.speakers
    .map((s) => {
      const photo = s.photoUrl
        ? `<img src="${escapeHtml(s.photoUrl)}" alt="" width="64" height="64">`
        : `<span class="speaker-photo speaker-initials" aria-hidden="true">${escapeHtml(initials(s.name))}</span>`;
      const role = s.role ? `<span class="speaker-role">${escapeHtml(s.role)}</span>` : '';
      return `<li class="speaker">${photo}<span class="speaker-name">${escapeHtml(s.name)}</span>${role}</li>`;
    })
    .join('');
  return [
    '<main id="main" class="landing-shell">',
    `<p class="landing-organiser">${logo}<span>${escapeHtml(organisation.name)}</span></p>`,
    `<h1>${escapeHtml(event.title)}</h1>`,
    `<p class="landing-when"><time datetime="${escapeHtml(event.startsAt)}">${escapeHtml(formatEventTime(event, language))}</time></p>`,
    event.descriptionHtml ? `<div class="event-description">${event.descriptionHtml}</div>` : '',
    speakers ? `<h2>${w.speakers}</h2><ul class="speakers">${speakers}</ul>` : '',
    `<p class="muted">${w.loading}</p>`,
    '</main>',
  ].join('');
}

/** `/e/:slug`: the web client's page with the shell and the data it would fetch first. */
export const landingPageRoutes: FastifyPluginAsyncZod<{ events: EventsService; settings: Pick<SettingsService, 'current'> }> = async (
  app,
  { events, settings },
) => {
  app.get('/e/:slug', {
    schema: { hide: true, params: z.strictObject({ slug: z.string().min(1).max(40) }) },
    handler: async (request, reply) => {
      const event = await events.publicEvent(request.params.slug, request.language).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'ERR_NOT_FOUND') return undefined;
        throw err;
      });
      // An unknown link: the client's page says so in the reader's language.
      if (!event) return reply.status(404).page({ title: 'Plenum', language: request.language, html: '' });
      const current = settings.current();
      const organisation = { name: current.name, logoUrl: logoUrl(current) };
      return reply.page({
        title: event.title,
        language: request.language,
        html: landingShell(event, organisation, request.language),
        initialData: { path: `/api/public/events/${event.slug}`, data: event },
      });
    },
  });
};
