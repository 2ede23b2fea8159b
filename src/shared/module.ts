import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { PrivacyDeclaration } from './privacy-declaration.js';
import type { RetentionTask, SubjectDataSource } from './subject-data.js';

/**
 * One domain as src/plenum.ts wires it. A domain folder exports one of these from its
 * `module.ts`, and adding a domain is adding that file and one line to the list in plenum.ts:
 * the wiring passes every module's declaration to the privacy center (notice, inventory,
 * export, erasure, retention), plugs its room feature into the live rooms, registers its routes
 * under `/api` and runs its jobs.
 *
 * `Platform` is what the module takes from the services every module may use (the store, mail,
 * the accounts' authenticator, the rooms …), named by the module itself, so a module depends on
 * the domains below it and never the other way round. `RoomFeature` is the rooms domain's
 * feature type for the modules that plug into a live room (a type parameter, because the rooms
 * domain sits above src/shared).
 */
export interface PlenumModule<Platform = unknown, RoomFeature = never> {
  /** The folder's name; logs of the module carry it as `domain`. */
  readonly name: string;
  /**
   * The personal data the domain stores: categories, purpose, legal basis, retention. Only a
   * module that stores none (keeping what it needs in a live room's memory) has none.
   */
  readonly declaration?: PrivacyDeclaration;
  /** What the privacy center finds, exports and erases of a data subject in this domain. */
  subjectData?(platform: Platform): SubjectDataSource;
  /**
   * Retention the declaration alone cannot enforce (files, per-event periods). Built from the
   * configuration alone, so `npm run purge` runs the same tasks as the scheduled job.
   */
  retentionTasks?(config: Config): readonly RetentionTask[];
  /** The domain's services at work: built once when Plenum starts. */
  create?(platform: Platform): ModuleParts<RoomFeature> & { provides?: Partial<Platform> };
}

export interface ModuleParts<RoomFeature = never> {
  /* `provides` (on create's result): services this module adds to the platform for the modules after it in the list. */
  /** Plugged into every live room (intents, pushes, room events). */
  roomFeature?: RoomFeature;
  /** Registers the module's routes; the wiring puts them under `/api`. */
  routes?(app: FastifyInstance): PromiseLike<unknown>;
  /** Registers web pages the server renders a shell of (outside `/api`, e.g. `/e/:slug`), with `reply.page`. */
  pages?(app: FastifyInstance): PromiseLike<unknown>;
  /** Scheduled work; a failed run is logged and the next one comes on time. */
  jobs?: readonly Job[];
  /** Once everything is wired and the routes are ready (e.g. the SIP endpoint listens, interrupted work resumes). */
  start?(): Promise<void> | void;
  /** On shutdown, in the reverse order of the modules. */
  stop?(): Promise<void> | void;
}

/** Work a module repeats: `run` every `everyMs` milliseconds while Plenum runs. */
export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}
