/** Whether a browser's Origin header names Plenum itself (the Host it asked, or the configured public URL). */
export function isOwnOrigin(origin: string, host: string, publicUrl: URL): boolean {
  try {
    const url = new URL(origin);
    return url.host === host || url.origin === publicUrl.origin;
  } catch {
    return false;
  }
}
