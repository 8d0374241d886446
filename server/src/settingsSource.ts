/** Where settings come from: `workspace/configuration` (section `cape`, per resource), else what the client pushed. */
import type { Connection } from 'vscode-languageserver/node';
import { resolveSettings, type CapeSettings } from './service';

export class SettingsSource {
  private readonly cache = new Map<string, Promise<CapeSettings>>();
  private pushed: unknown = undefined;

  constructor(private readonly connection: Connection, private readonly pullSupported: boolean) {}

  get(uri: string): Promise<CapeSettings> {
    if (!this.pullSupported) return Promise.resolve(resolveSettings(this.pushed));
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'cape' })
        .then(resolveSettings, () => resolveSettings(undefined));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: forget everything; clients without pull send the new values along. */
  changed(settings: unknown): void {
    this.cache.clear();
    const cape = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).cape : undefined;
    if (cape !== undefined) this.pushed = cape;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
