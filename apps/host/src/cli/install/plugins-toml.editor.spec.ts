import { parse } from 'smol-toml';
import { NEW_FILE_HEADER, PluginsTomlEditor } from './plugins-toml.editor';

const FILE = '/home/me/.qntx/am.plugins.toml';
const hello = { name: 'hello', binary: 'qntx-hello', note: 'installed by qntx plugin install' };

const USER_FILE = `# my plugins
[host]
admin_token = "\${QNTX_ADMIN_TOKEN:-}"   # keep this

[[plugins]]                  # the finance one
name = "finance"
address = "localhost:9001"

# launched by the host
[[plugins]]
name = "hello"
binary = "/opt/old/qntx-hello"
auto_start = false
[plugins.env]
GREETING = "hi"

[[plugins]]
name = "code"
builtin = true
module = "/opt/code-plugin.module.js"
`;

describe('PluginsTomlEditor', () => {
  it('creates a file with a header that says the default code plugin is no longer loaded', () => {
    const text = PluginsTomlEditor.of(FILE, null).upsert(hello);
    expect(text.startsWith(NEW_FILE_HEADER)).toBe(true);
    expect(parse(text)).toEqual({ plugins: [{ name: 'hello', binary: 'qntx-hello', auto_start: true }] });
  });

  it('appends a new entry and leaves every other line as it was', () => {
    const without = USER_FILE.replace(/# launched by the host[\s\S]*GREETING = "hi"\n\n/, '');
    const text = PluginsTomlEditor.of(FILE, without).upsert(hello);
    expect(text.startsWith(without.trimEnd())).toBe(true);
    expect(text.slice(without.trimEnd().length)).toBe(
      '\n\n[[plugins]]\n# installed by qntx plugin install\nname = "hello"\nbinary = "qntx-hello"\nauto_start = true\n',
    );
  });

  it('updates the binary and auto_start of an existing entry in place, keeping its sub-tables and comments', () => {
    const text = PluginsTomlEditor.of(FILE, USER_FILE).upsert(hello);
    expect(text).toBe(USER_FILE.replace('binary = "/opt/old/qntx-hello"\nauto_start = false', 'binary = "qntx-hello"\nauto_start = true'));
  });

  it('adds auto_start after the binary when the entry had none', () => {
    const text = PluginsTomlEditor.of(FILE, USER_FILE.replace('auto_start = false\n', '')).upsert(hello);
    expect(text).toContain('name = "hello"\nbinary = "qntx-hello"\nauto_start = true\n[plugins.env]');
  });

  it('removes an entry with its sub-tables, and keeps the comments around it and the other entries', () => {
    const text = PluginsTomlEditor.of(FILE, USER_FILE).remove('hello')!;
    expect(text).toBe(USER_FILE.replace(/# launched by the host\n\[\[plugins\]\]\nname = "hello"[\s\S]*GREETING = "hi"\n\n/, ''));
    expect((parse(text).plugins as { name: string }[]).map((p) => p.name)).toEqual(['finance', 'code']);
  });

  it("removes what install added, giving back the file as it was", () => {
    const without = USER_FILE.replace(/# launched by the host[\s\S]*GREETING = "hi"\n\n/, '');
    const installed = PluginsTomlEditor.of(FILE, without).upsert(hello);
    expect(PluginsTomlEditor.of(FILE, installed).remove('hello')).toBe(without.trimEnd() + '\n');
  });

  it('keeps the comment that opens the file when the first entry goes', () => {
    const text = PluginsTomlEditor.of(FILE, '# mine\n[[plugins]]\nname = "hello"\nbinary = "x"\n').remove('hello');
    expect(text).toBe('# mine\n');
  });

  it('returns null when there is no entry of that name', () => {
    expect(PluginsTomlEditor.of(FILE, USER_FILE).remove('nope')).toBeNull();
  });

  it('ignores [[plugins]] inside a multi-line string', () => {
    const tricky = `note = """\n[[plugins]]\nname = "hello"\n"""\n`;
    const text = PluginsTomlEditor.of(FILE, tricky).upsert(hello);
    expect(parse(text)).toEqual({
      note: '[[plugins]]\nname = "hello"\n',
      plugins: [{ name: 'hello', binary: 'qntx-hello', auto_start: true }],
    });
  });

  it('refuses, naming the file, when the plugins are written in a form it cannot edit line by line', () => {
    const inline = 'plugins = [ { name = "hello", binary = "x" } ]\n';
    expect(() => PluginsTomlEditor.of(FILE, inline).upsert(hello)).toThrow(`${FILE} was left unchanged:`);
  });

  it('refuses a file that does not parse', () => {
    expect(() => PluginsTomlEditor.of(FILE, '[[plugins]\nname = ').upsert(hello)).toThrow(`${FILE} was left unchanged: it does not parse`);
  });

  it('keeps Windows line endings', () => {
    const text = PluginsTomlEditor.of(FILE, '[host]\r\nadmin_token = "x"\r\n').upsert(hello);
    expect(text).toBe('[host]\r\nadmin_token = "x"\r\n\r\n[[plugins]]\r\n# installed by qntx plugin install\r\nname = "hello"\r\nbinary = "qntx-hello"\r\nauto_start = true\r\n');
  });
});
