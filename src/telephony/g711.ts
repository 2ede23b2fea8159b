/**
 * G.711 µ-law ↔ A-law. Prompts are shipped as µ-law (8 kHz); A-law callers get them
 * converted once, through linear PCM, when the prompts are loaded.
 */
function ulawToLinear(u: number): number {
  u = ~u & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const sample = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -sample : sample;
}

function linearToAlaw(sample: number): number {
  let mask = 0xd5;
  if (sample < 0) {
    mask = 0x55;
    sample = -sample - 1;
  }
  sample = Math.min(sample, 32767);
  const segmentEnds = [0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff, 0x3fff, 0x7fff];
  const segment = segmentEnds.findIndex((end) => sample <= end);
  const value = segment < 2 ? (sample >> 4) & 0x0f : (sample >> (segment + 3)) & 0x0f;
  return ((segment << 4) | value) ^ mask;
}

const ulawToAlawTable = Uint8Array.from({ length: 256 }, (_v, u) => linearToAlaw(ulawToLinear(u)));

export function ulawToAlaw(ulaw: Buffer): Buffer {
  const out = Buffer.alloc(ulaw.length);
  for (let i = 0; i < ulaw.length; i++) out[i] = ulawToAlawTable[ulaw[i]!]!;
  return out;
}

/** µ-law and A-law silence. */
export const silence = { pcmu: 0xff, pcma: 0xd5 } as const;
