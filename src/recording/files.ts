import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where a recording's files live: `<root>/<recording id>/`, holding the raw Janus tracks
 * (`<file base>-audio.mjr`, `<file base>-video-0.mjr`) and the final `recording.webm`. The
 * directory is made only when the first consenting participant's track starts, so a recording
 * nobody consented to leaves nothing on disk.
 */
export class RecordingFiles {
  constructor(readonly root: string) {}

  dir(recordingId: string): string {
    return path.join(this.root, recordingId);
  }

  /** Absolute path without Janus' suffix; Janus appends `-audio.mjr` or `-video-<n>.mjr`. */
  trackPath(recordingId: string, fileBase: string): string {
    return path.join(this.dir(recordingId), fileBase);
  }

  finalFile(recordingId: string): string {
    return path.join(this.dir(recordingId), 'recording.webm');
  }

  async prepare(recordingId: string): Promise<void> {
    await mkdir(this.dir(recordingId), { recursive: true, mode: 0o700 });
  }

  /** Removes the directory again if nothing was written into it. */
  async dropIfEmpty(recordingId: string): Promise<void> {
    await rmdir(this.dir(recordingId)).catch(() => undefined);
  }

  /** The raw files Janus wrote for one track. */
  async rawFiles(recordingId: string, fileBase: string): Promise<string[]> {
    const names = await readdir(this.dir(recordingId)).catch(() => [] as string[]);
    return names
      .filter((name) => name.startsWith(`${fileBase}-`) && name.endsWith('.mjr'))
      .map((name) => path.join(this.dir(recordingId), name));
  }

  async removeTrack(recordingId: string, fileBase: string): Promise<void> {
    const names = await readdir(this.dir(recordingId)).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => name.startsWith(`${fileBase}-`) || name.startsWith(`${fileBase}.`))
        .map((name) => rm(path.join(this.dir(recordingId), name), { force: true })),
    );
  }

  async removeFinal(recordingId: string): Promise<void> {
    await rm(this.finalFile(recordingId), { force: true });
  }

  async removeAll(recordingId: string): Promise<void> {
    await rm(this.dir(recordingId), { recursive: true, force: true });
  }
}

/** Where recordings are written: DATA_DIR/recordings (an external Janus must write to the same directory). */
export const recordingFilesOf = (config: { dataDir: string }) => new RecordingFiles(path.join(config.dataDir, 'recordings'));
