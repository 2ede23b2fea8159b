import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Personal data on disk is readable by the service account only, whatever the umask: directories
 * 0700, files 0600. Paths that exist already are tightened when this process owns them (an upgrade
 * from a release that created them world-readable).
 */

export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Creates the file empty if missing. SQLite gives its -wal and -shm files the database file's mode. */
export function privateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  tighten(file, 0o600);
}

function tighten(target: string, mode: number): void {
  const stat = statSync(target);
  if ((stat.mode & 0o777) !== mode && stat.uid === process.getuid?.()) chmodSync(target, mode);
}
