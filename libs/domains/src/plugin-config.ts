import { PluginConfig } from './service-registry.interface';
import { InvalidConfigValueError } from './errors/invalid-config-value.error';

/**
 * A plugin's settings held as text, the way they travel in InitializeRequest.config. Typed
 * getters parse on read and name the key and the plugin when a value does not parse.
 */
export class MapPluginConfig implements PluginConfig {
  private readonly values: Map<string, string>;

  constructor(
    private readonly domain: string,
    values: Record<string, string> = {},
  ) {
    this.values = new Map(Object.entries(values));
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  getString(key: string, fallback = ''): string {
    return this.values.get(key) ?? fallback;
  }

  getInt(key: string, fallback = 0): number {
    const raw = this.values.get(key);
    if (raw === undefined || raw.trim() === '') return fallback;
    if (!/^[+-]?\d+$/.test(raw.trim())) throw new InvalidConfigValueError(this.domain, key, raw, 'an integer');
    return Number.parseInt(raw, 10);
  }

  getBool(key: string, fallback = false): boolean {
    const raw = this.values.get(key);
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    throw new InvalidConfigValueError(this.domain, key, raw, 'a boolean (true or false)');
  }

  getStringSlice(key: string, fallback: string[] = []): string[] {
    const raw = this.values.get(key);
    if (raw === undefined) return fallback;
    const trimmed = raw.trim();
    // Arrays from TOML travel as JSON text; plain text is comma-separated.
    if (trimmed.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed)) return parsed.map((item) => String(item));
      } catch {
        // not JSON: fall through to the comma form
      }
    }
    return trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim());
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}
