import Janode from 'janode';

/**
 * What a running Janus says about itself over the admin API, for bench:fanout: the static event
 * loops it holds, and how many packets wait in each viewer handle's queue (Streaming plugin).
 */

type Admin = Awaited<ReturnType<typeof Janode.connect>>;

export class JanusAdmin {
  private constructor(private readonly admin: Admin) {}

  static async connect(url: string, secret: string): Promise<JanusAdmin> {
    return new JanusAdmin(
      await Janode.connect({ is_admin: true, address: { url, apisecret: secret }, max_retries: 1, retry_time_secs: 1 }),
    );
  }

  /** `static-event-loops` from `info`, and the handles each loop serves (`loops_info`). */
  async loops(): Promise<{ loops: number; handlesPerLoop: number[] }> {
    const info = await this.admin.getInfo();
    const loops = (await this.admin.sendRequest({ janus: 'loops_info' })) as { loops?: { handles: number }[] };
    return { loops: Number(info['static-event-loops']), handlesPerLoop: (loops.loops ?? []).map((l) => l.handles) };
  }

  /**
   * Packets queued for each Streaming handle's event loop, not sent yet, asked in parallel. Janus
   * discards a queued packet older than one second (ice.c, "Discarding too old outgoing packet").
   */
  async viewerQueues(): Promise<number[]> {
    const { sessions = [] } = (await this.admin.sendRequest({ janus: 'list_sessions' })) as { sessions?: number[] };
    const handles = await Promise.all(
      sessions.map(async (session_id) => {
        const listed = (await this.admin.sendRequest({ janus: 'list_handles', session_id })) as { handles?: number[] };
        return (listed.handles ?? []).map((handle_id) => ({ session_id, handle_id }));
      }),
    );
    const infos = await Promise.all(handles.flat().map((h) => this.admin.sendRequest({ janus: 'handle_info', ...h }).catch(() => ({}))));
    return infos.flatMap((reply) => {
      const info = (reply as { info?: HandleInfo }).info;
      return info?.plugin === 'janus.plugin.streaming' ? [info['queued-packets'] ?? 0] : [];
    });
  }

  async close(): Promise<void> {
    await this.admin.close().catch(() => undefined);
  }
}

interface HandleInfo {
  plugin?: string;
  'queued-packets'?: number;
}
