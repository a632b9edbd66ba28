import { CommandDefinition, FlagDefinition } from '@qntx/domains';
import { resolveCommandRequest } from './command-request.resolver';

const flag = (name: string, short: string, type: FlagDefinition['type'], repeated = false): FlagDefinition => ({
  name,
  short,
  type,
  description: '',
  defaultValue: '',
  repeated,
});
const run = async () => ({ exitCode: 0, stdout: '', stderr: '' });
const leaf = (name: string, flags: FlagDefinition[] = []): CommandDefinition => ({ name, description: '', flags, subcommands: [], run });
const tree: CommandDefinition[] = [
  {
    name: 'code',
    description: '',
    flags: [flag('verbose', 'v', 'bool')],
    subcommands: [
      leaf('ls [prefix]', [flag('limit', 'n', 'int'), flag('sizes', 's', 'bool')]),
      { name: 'ix', description: '', flags: [], subcommands: [leaf('git <repo>', [flag('tag', 't', 'string', true)])] },
    ],
  },
];
const resolve = (command: string, args: string[] = [], flags: Record<string, string> = {}) =>
  resolveCommandRequest(tree, { command, args, flags });

describe('resolveCommandRequest: both forms of ExecuteCommandRequest', () => {
  it('runs the path form as it is, flag-like arguments included', () => {
    expect(resolve('code ls', ['-x'], { limit: '3' })).toMatchObject({
      invocation: { command: 'code ls', args: ['-x'], flags: { limit: '3' } },
    });
  });

  it("walks the reference form's subcommand words into the tree and reads the flags among the arguments", () => {
    expect(resolve('code', ['ls', 'src', '-n', '3', '--sizes', '-v'])).toMatchObject({
      invocation: { command: 'code ls', args: ['src'], flags: { limit: '3', sizes: 'true', verbose: 'true' } },
    });
    expect(resolve('code', ['ix', 'git', 'repo', '--tag=a', '-tb', '--', '--not-a-flag'])).toMatchObject({
      invocation: { command: 'code ix git', args: ['repo', '--not-a-flag'], flags: { tag: 'a\nb' } },
    });
    expect(resolve('code', ['ls', '-sv'])).toMatchObject({ invocation: { flags: { sizes: 'true', verbose: 'true' } } });
  });

  it('accepts the usage line as the command, as QNTX sends it', () => {
    expect(resolve('code <anything>', ['ls'])).toMatchObject({ invocation: { command: 'code ls', args: [] } });
  });

  it('explains an unknown command, a group without a command and an unknown flag', () => {
    expect(resolve('nope')).toEqual({ problem: 'Unknown command "nope".' });
    expect(resolve('code', ['lz'])).toEqual({ problem: 'Unknown command "lz" for "code"; one of: ls, ix.' });
    expect(resolve('code', ['ix'])).toEqual({ problem: '"code ix" needs a command; one of: git.' });
    expect(resolve('code', ['ls', '--size'])).toEqual({ problem: 'unknown flag: --size (for "code ls")' });
    expect(resolve('code', ['ls', '-n'])).toEqual({ problem: 'flag needs an argument: -n (for "code ls")' });
  });
});
