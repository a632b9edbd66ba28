import { isDeepStrictEqual } from 'node:util';
import { parse } from 'smol-toml';
import { PluginInstallError } from '../errors/plugin-install.error';

/** What `qntx plugin install` writes into a plugin's `[[plugins]]` entry. */
export interface InstalledEntry {
  name: string;
  /** Relative to `$QNTX_HOME/plugins/`. */
  binary: string;
  /** A comment line placed under the table header (it goes away with the entry). */
  note: string;
}

/** am.plugins.toml could not be edited without risking the user's other settings. */
export class PluginsTomlEditError extends PluginInstallError {
  constructor(file: string, detail: string) {
    super(`${file} was left unchanged: ${detail}. Edit it by hand (see README, "am.plugins.toml").`);
    this.name = 'PluginsTomlEditError';
  }
}

/** A header for an am.plugins.toml that `qntx plugin install` creates. */
export const NEW_FILE_HEADER = [
  '# Plugins the qntx host loads (README, "am.plugins.toml"); written by "qntx plugin install".',
  '# With this file present the host loads only what it lists: the default code plugin is not',
  '# loaded any more. To keep it, install it too: qntx plugin install dist/plugins/qntx-code-plugin',
  '',
].join('\n');

interface Block {
  /** Line index of the `[[plugins]]` header. */
  start: number;
  /** One past its last line of content (trailing blank and comment lines stay outside). */
  end: number;
  name: string | null;
}

/**
 * Edits am.plugins.toml as text, so that the user's comments, order and formatting survive: one
 * `[[plugins]]` table is added, updated or removed, the rest is left byte for byte. Every edit is
 * checked by parsing the result: the other tables must be exactly what they were, else nothing
 * is written (`PluginsTomlEditError`).
 */
export class PluginsTomlEditor {
  private constructor(
    private readonly file: string,
    private readonly lines: string[],
    private readonly eol: string,
  ) {}

  static of(file: string, text: string | null): PluginsTomlEditor {
    const source = text ?? NEW_FILE_HEADER;
    const eol = source.includes('\r\n') ? '\r\n' : '\n';
    return new PluginsTomlEditor(file, source.split(/\r?\n/), eol);
  }

  /** Adds the plugin's entry, or sets `binary` and `auto_start = true` in the one it has. */
  upsert(entry: InstalledEntry): string {
    const block = this.blocks().find((b) => b.name === entry.name);
    const lines = [...this.lines];
    if (!block) {
      while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
      if (lines.length > 0) lines.push('');
      lines.push('[[plugins]]', `# ${entry.note.replace(/[\r\n]+/g, ' ')}`, `name = ${quote(entry.name)}`);
      lines.push(`binary = ${quote(entry.binary)}`, 'auto_start = true', '');
    } else {
      const top = this.topLevelLines(block);
      const binaryAt = top.find((i) => keyOf(lines[i]) === 'binary');
      if (binaryAt === undefined) throw new PluginsTomlEditError(this.file, `the entry "${entry.name}" has no binary to replace`);
      lines[binaryAt] = `${indentOf(lines[binaryAt])}binary = ${quote(entry.binary)}`;
      const autoStartAt = top.find((i) => keyOf(lines[i]) === 'auto_start');
      if (autoStartAt !== undefined) lines[autoStartAt] = `${indentOf(lines[autoStartAt])}auto_start = true`;
      else lines.splice(binaryAt + 1, 0, `${indentOf(lines[binaryAt])}auto_start = true`);
    }
    return this.checked(lines, entry.name, (table) => ({ ...table, binary: entry.binary, auto_start: true }));
  }

  /** Removes the plugin's entry (with its sub-tables); null when there is none. */
  remove(name: string): string | null {
    const block = this.blocks().find((b) => b.name === name);
    if (!block) return null;
    const lines = [...this.lines];
    let { start, end } = block;
    // Comment lines right above the header describe the entry and go with it (not the file's opening comment).
    let above = start;
    while (above > 0 && /^\s*#/.test(lines[above - 1])) above--;
    if (above > 0) start = above;
    // So does one of the blank lines around it, when there is one on each side.
    const blank = (i: number): boolean => i < 0 || i >= lines.length || lines[i].trim() === '';
    if (blank(start - 1) && blank(end) && end < lines.length) end++;
    lines.splice(start, end - start);
    return this.checked(lines, name, () => undefined);
  }

  /**
   * The result as text, after checking that it parses and that it differs from the original in
   * the one entry only (`change` gives that entry's expected table; undefined: gone).
   */
  private checked(
    lines: string[],
    name: string,
    change: (table: Record<string, unknown>) => Record<string, unknown> | undefined,
  ): string {
    const text = lines.join(this.eol);
    const before = this.parse(this.lines.join(this.eol));
    let after: Record<string, unknown>;
    try {
      after = parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new PluginsTomlEditError(this.file, `the edit would not parse (${(error as Error).message.split('\n')[0]})`);
    }
    const tables = (doc: Record<string, unknown>): Record<string, unknown>[] =>
      Array.isArray(doc.plugins) ? (doc.plugins as Record<string, unknown>[]) : [];
    const old = tables(before).find((t) => t.name === name);
    const expected = tables(before)
      .map((t) => (t.name === name ? change(t) : t))
      .filter((t): t is Record<string, unknown> => t !== undefined);
    if (!old) {
      const added = change({ name });
      if (added) expected.push(added);
    }
    const rest = (doc: Record<string, unknown>): Record<string, unknown> => ({ ...doc, plugins: undefined });
    if (!sameData(tables(after), expected) || !sameData(rest(after), rest(before))) {
      throw new PluginsTomlEditError(this.file, `its layout is one this editor cannot change safely for "${name}"`);
    }
    return text;
  }

  private parse(text: string): Record<string, unknown> {
    try {
      return parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new PluginsTomlEditError(this.file, `it does not parse (${(error as Error).message.split('\n')[0]})`);
    }
  }

  /** The `[[plugins]]` tables, each up to the next table that is not one of its sub-tables. */
  private blocks(): Block[] {
    const headers = this.headers();
    const blocks: Block[] = [];
    headers.forEach(({ line, table, array }, i) => {
      if (!(array && table === 'plugins')) return;
      const next = headers.slice(i + 1).find((h) => !h.table.startsWith('plugins.'));
      let end = next ? next.line : this.lines.length;
      while (end > line + 1 && /^\s*(#.*)?$/.test(this.lines[end - 1])) end--;
      const block: Block = { start: line, end, name: null };
      const nameAt = this.topLevelLines(block).find((at) => keyOf(this.lines[at]) === 'name');
      if (nameAt !== undefined) block.name = valueOf(this.lines[nameAt]);
      blocks.push(block);
    });
    return blocks;
  }

  /** Line indexes of the block's own keys, before its first sub-table. */
  private topLevelLines(block: Block): number[] {
    const out: number[] = [];
    for (let i = block.start + 1; i < block.end; i++) {
      if (/^\s*\[/.test(this.lines[i])) break;
      out.push(i);
    }
    return out;
  }

  /** Table headers outside multi-line strings. */
  private headers(): { line: number; table: string; array: boolean }[] {
    const found: { line: number; table: string; array: boolean }[] = [];
    let inString: string | null = null;
    this.lines.forEach((text, line) => {
      for (const delimiter of ['"""', "'''"]) {
        const count = text.split(delimiter).length - 1;
        if (inString === null && count % 2 === 1) inString = delimiter;
        else if (inString === delimiter && count % 2 === 1) inString = null;
      }
      if (inString !== null) return;
      const match = /^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(#.*)?$/.exec(text);
      if (match) found.push({ line, table: match[2].replace(/\s+/g, ''), array: match[1] === '[[' });
    });
    return found;
  }
}

/** Parsed TOML compared as plain data (the parser's objects have their own prototype). */
function sameData(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

function keyOf(line: string): string | null {
  return /^\s*([A-Za-z0-9_-]+)\s*=/.exec(line)?.[1] ?? null;
}

/** The value of a one-line `key = value`, read by the TOML parser itself. */
function valueOf(line: string): string | null {
  try {
    const value = Object.values(parse(line.trim()))[0];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function indentOf(line: string): string {
  return /^\s*/.exec(line)![0];
}

/** A TOML basic string: JSON's escapes are TOML's. */
function quote(text: string): string {
  return JSON.stringify(text);
}
