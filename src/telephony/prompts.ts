import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ulawToAlaw } from './g711.js';

export const promptNames = ['welcome', 'pin', 'retry', 'goodbye', 'joining', 'ended', 'lobby', 'locked', 'recording'] as const;
export type PromptName = (typeof promptNames)[number];
export type Prompts = Record<'pcmu' | 'pcma', Record<PromptName, Buffer>>;

/** The prompt files live in src/telephony/prompts, whether running from src/ (tsx) or dist/src/ (built). */
function promptsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const parts = here.split(path.sep);
  const dist = parts.lastIndexOf('dist');
  const root = dist >= 0 ? parts.slice(0, dist).join(path.sep) : path.resolve(here, '../..');
  return path.join(root, 'src', 'telephony', 'prompts');
}

/** Loads the shipped µ-law prompts once and derives their A-law versions. */
export function loadPrompts(): Prompts {
  const dir = promptsDir();
  const pcmu = Object.fromEntries(promptNames.map((name) => [name, readFileSync(path.join(dir, `${name}.ul`))])) as Record<
    PromptName,
    Buffer
  >;
  const pcma = Object.fromEntries(promptNames.map((name) => [name, ulawToAlaw(pcmu[name])])) as Record<PromptName, Buffer>;
  return { pcmu, pcma };
}
