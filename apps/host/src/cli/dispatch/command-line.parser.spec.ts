import { CommandDefinition, CommandResult, FlagDefinition } from '@qntx/domains';
import { CliUsageError } from '../errors/cli-usage.error';
import { UnknownCommandError } from '../errors/unknown-command.error';
import { commandFromWire } from '@qntx/plugin-grpc/protocol/protocol.mapping';
import { attachRemoteRun } from '@qntx/plugin-grpc/client/remote-command.tree';
import { parseCommandLine } from './command-line.parser';

const run = async (): Promise<CommandResult> => ({ exitCode: 0, stdout: '', stderr: '' });

function flag(name: string, type: FlagDefinition['type'], extra: Partial<FlagDefinition> = {}): FlagDefinition {
  return { name, short: '', description: '', type, defaultValue: '', repeated: false, ...extra };
}

function node(name: string, subcommands: CommandDefinition[] = [], flags: FlagDefinition[] = []): CommandDefinition {
  return { name, description: '', flags, subcommands, ...(subcommands.length === 0 ? { run } : {}) };
}

// code → ix → git <repository> [paths...] ; code → ls [prefix] ; code has a persistent --verbose.
const tree = node(
  'code',
  [
    node('ix', [
      node(
        'git <repository> [paths...]',
        [],
        [
          flag('depth', 'int', { short: 'd', defaultValue: '1' }),
          flag('shallow', 'bool', { short: 's' }),
          flag('branch', 'string', { short: 'b', repeated: true }),
        ],
      ),
    ]),
    node('ls [prefix]', [], [flag('limit', 'int', { short: 'n' }), flag('all', 'bool', { short: 'a' })]),
  ],
  [flag('verbose', 'bool', { short: 'v' })],
);
const root = { node: tree, path: ['code'], display: 'qntx code' };
const parse = (line: string) => parseCommandLine(root, line === '' ? [] : line.split(' '));

describe('parseCommandLine', () => {
  it('walks nested commands and sends the path without arguments', () => {
    const parsed = parse('ix git repo a b --depth 3');
    expect(parsed).toMatchObject({ kind: 'run', args: ['repo', 'a', 'b'], flags: { depth: '3' } });
    expect(parsed.command.path).toEqual(['code', 'ix', 'git']);
    expect(parsed.command.display).toBe('qntx code ix git');
  });

  it.each([
    ['--depth=4', { depth: '4' }],
    ['-d 4', { depth: '4' }],
    ['-d4', { depth: '4' }],
    ['-d=4', { depth: '4' }],
    ['--depth +4', { depth: '4' }],
    ['--depth -2', { depth: '-2' }],
    ['-s', { shallow: 'true' }],
    ['--shallow=false', { shallow: 'false' }],
    ['--shallow=1', { shallow: 'true' }],
    ['--no-shallow', { shallow: 'false' }],
    ['-sd 2', { shallow: 'true', depth: '2' }],
    ['-b main -b dev --branch=x', { branch: 'main\ndev\nx' }],
    ['-v', { verbose: 'true' }],
  ])('reads %s', (flags, expected) => {
    const parsed = parse(`ix git repo ${flags}`);
    expect(parsed).toMatchObject({ kind: 'run', args: ['repo'] });
    expect(parsed.kind === 'run' && parsed.flags).toEqual(expected);
  });

  it('takes flags before the command words when they belong to the command', () => {
    expect(parse('ix --depth 2 git repo')).toMatchObject({ kind: 'run', args: ['repo'], flags: { depth: '2' } });
  });

  it('treats everything after -- as arguments', () => {
    expect(parse('ix git repo -- --depth -n')).toMatchObject({
      kind: 'run',
      args: ['repo', '--depth', '-n'],
      flags: {},
    });
  });

  it('keeps "-" and negative numbers as arguments', () => {
    expect(parse('ix git - -5')).toMatchObject({ kind: 'run', args: ['-', '-5'] });
  });

  it.each([
    ['ix git repo --depth x', 'Flag --depth expects an integer, got "x".'],
    ['ix git repo --depth 1.5', 'Flag --depth expects an integer, got "1.5".'],
    ['ix git repo --depth 99999999999999999999', 'expects an integer'],
    ['ix git repo --shallow=yes', 'Flag --shallow expects true or false, got "yes".'],
    ['ix git repo --depth', 'Flag --depth needs a value (an integer).'],
    ['ix git repo --depht 1', 'Unknown flag "--depht" for "qntx code ix git". Did you mean --depth?'],
    ['ix git repo -x', 'Unknown flag "-x" for "qntx code ix git".'],
    ['ix git repo -d 1 -d 2', 'Flag --depth is given more than once.'],
    ['ix git', '"qntx code ix git" needs <repository>.'],
    ['ls a b', '"qntx code ls" takes at most 1 argument(s); unexpected "b".'],
  ])('refuses "%s" as a usage error', (line, message) => {
    expect(() => parse(line)).toThrow(CliUsageError);
    expect(() => parse(line)).toThrow(message);
  });

  it('names the closest command for an unknown one', () => {
    expect(() => parse('ix gti repo')).toThrow(UnknownCommandError);
    expect(() => parse('ix gti repo')).toThrow('Unknown command "gti" for "qntx code ix". Did you mean "git"?');
  });

  it('answers help wherever --help or -h appears before --, even with bad flags', () => {
    expect(parse('ix git --depth x --help')).toMatchObject({ kind: 'help', command: { display: 'qntx code ix git' } });
    expect(parse('ix -h')).toMatchObject({ kind: 'help', command: { display: 'qntx code ix' } });
    expect(parse('ls -- --help')).toMatchObject({ kind: 'run', args: ['--help'] });
  });

  it('reports a group reached without a command', () => {
    expect(parse('')).toMatchObject({ kind: 'group', command: { display: 'qntx code' } });
    expect(parse('ix')).toMatchObject({ kind: 'group', command: { display: 'qntx code ix' } });
  });

  it('refuses flags given to a group without one of its commands', () => {
    expect(() => parse('ix --depth 2')).toThrow('"qntx code ix" needs one of its commands before "--depth 2".');
    expect(() => parse('--bogus')).toThrow(CliUsageError);
  });

  it('lets a command own -h when it declares it', () => {
    const withH = node('code', [node('ls', [], [flag('human', 'bool', { short: 'h' })])]);
    const parsed = parseCommandLine({ node: withH, path: ['code'], display: 'qntx code' }, ['ls', '-h']);
    expect(parsed).toMatchObject({ kind: 'run', flags: { human: 'true' } });
  });

  it('does not check the arguments of a usage line that declares none', () => {
    const bare = node('code', [node('run')]);
    const parsed = parseCommandLine({ node: bare, path: ['code'], display: 'qntx code' }, ['run', 'x', 'y']);
    expect(parsed).toMatchObject({ kind: 'run', args: ['x', 'y'] });
  });

  it('refuses a line break in a repeated value, which would split it in two', () => {
    expect(() => parseCommandLine(root, ['ix', 'git', 'repo', '--branch', 'a\nb'])).toThrow(
      'cannot contain a line break',
    );
  });

  it("passes a reference plugin's subcommand line to the plugin as it is: flags the definitions do not list included", () => {
    const wire = { name: 'myplugin', description: '', subcommands: ['greet'], flags: [], children: [] };
    const reference = attachRemoteRun(commandFromWire(wire), run);
    const parsed = parseCommandLine({ node: reference, path: ['myplugin'], display: 'qntx myplugin' }, [
      'greet',
      '--name',
      'Ada',
      '-n',
      'Bo',
    ]);
    expect(parsed).toMatchObject({ kind: 'run', args: ['--name', 'Ada', '-n', 'Bo'], flags: {} });
  });
});
