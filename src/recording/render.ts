import { execFile } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { RecordingTrackKind } from '../store/schema.js';

const run = promisify(execFile);

/** The Debian tools that turn Janus' raw tracks into one file. */
export interface RenderTools {
  ppRec: string;
  ffmpeg: string;
  ffprobe: string;
}

export const debianTools: RenderTools = { ppRec: '/usr/bin/janus-pp-rec', ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' };

export interface RawTrack {
  kind: RecordingTrackKind;
  /** The .mjr files Janus wrote for it. */
  files: string[];
  /** Milliseconds after the recording's first track started. */
  offsetMs: number;
}

/** At most this many videos side by side; more would be unreadably small. */
const maxTiles = 4;
const tile = { width: 640, height: 360 };
const toolTimeoutMs = 30 * 60_000;

/** janus-pp-rec per raw file; a file without a single packet (e.g. a muted microphone) yields nothing. */
async function decode(tools: RenderTools, track: RawTrack): Promise<{ kind: RecordingTrackKind; file: string; offsetMs: number }[]> {
  const decoded = [];
  for (const raw of track.files) {
    const file = raw.replace(/\.mjr$/, track.kind === 'audio' ? '.opus' : '.webm');
    try {
      await run(tools.ppRec, [raw, file], { timeout: toolTimeoutMs });
      if ((await stat(file)).size > 0) decoded.push({ kind: track.kind, file, offsetMs: track.offsetMs });
    } catch {
      await rm(file, { force: true });
    }
  }
  return decoded;
}

/** The ffmpeg filter graph: consenting participants' audio mixed, their videos in a grid (one video: full frame). */
function filterGraph(audio: { offsetMs: number }[], video: { offsetMs: number }[]): { graph: string; hasVideo: boolean } {
  const parts: string[] = [];
  audio.forEach((a, i) => parts.push(`[${i}:a]adelay=${a.offsetMs}|${a.offsetMs},aresample=48000[a${i}]`));
  if (audio.length) parts.push(`${audio.map((_, i) => `[a${i}]`).join('')}amix=inputs=${audio.length}:duration=longest:normalize=0[aout]`);
  const shown = video.slice(0, maxTiles);
  shown.forEach((v, i) => {
    const input = audio.length + i;
    parts.push(
      `[${input}:v]scale=${tile.width}:${tile.height}:force_original_aspect_ratio=decrease,pad=${tile.width}:${tile.height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=15,tpad=start_duration=${v.offsetMs / 1000}:color=black[v${i}]`,
    );
  });
  if (shown.length === 1) parts.push('[v0]null[vout]');
  if (shown.length > 1) {
    const layout = ['0_0', 'w0_0', '0_h0', 'w0_h0'].slice(0, shown.length).join('|');
    parts.push(`${shown.map((_, i) => `[v${i}]`).join('')}xstack=inputs=${shown.length}:layout=${layout}:fill=black[vout]`);
  }
  return { graph: parts.join(';'), hasVideo: shown.length > 0 };
}

/**
 * Turns the raw tracks of the consenting participants into one playable WebM. Returns false
 * (and writes nothing) when not a single track carried media.
 */
export async function renderRecording(tools: RenderTools, tracks: readonly RawTrack[], output: string): Promise<boolean> {
  const decoded = (await Promise.all(tracks.map((track) => decode(tools, track)))).flat();
  try {
    const audio = decoded.filter((d) => d.kind === 'audio');
    const video = decoded.filter((d) => d.kind !== 'audio');
    if (!audio.length && !video.length) return false;
    const { graph, hasVideo } = filterGraph(audio, video);
    const inputs = [...audio, ...video.slice(0, maxTiles)].flatMap((d) => ['-i', d.file]);
    const maps = [
      ...(audio.length ? ['-map', '[aout]', '-c:a', 'libopus', '-b:a', '64k'] : []),
      ...(hasVideo ? ['-map', '[vout]', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M'] : []),
    ];
    await run(
      tools.ffmpeg,
      ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', graph, ...maps, '-f', 'webm', output],
      { timeout: toolTimeoutMs },
    );
    return true;
  } finally {
    await Promise.all(decoded.map((d) => rm(d.file, { force: true })));
  }
}

/** Duration in seconds as ffprobe reads it from the container. */
export async function probeDuration(tools: RenderTools, file: string): Promise<number | null> {
  const { stdout } = await run(tools.ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  const seconds = Number.parseFloat(stdout.trim());
  return Number.isFinite(seconds) ? seconds : null;
}
