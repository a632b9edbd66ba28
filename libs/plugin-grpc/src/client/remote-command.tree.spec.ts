import { WireExecuteCommandRequest } from '../protocol/protocol.types';
import { commandFromWire, isUndescribedSubcommand } from '../protocol/protocol.mapping';
import { attachRemoteRun } from './remote-command.tree';

const sent: WireExecuteCommandRequest[] = [];
const call = async (request: WireExecuteCommandRequest) => {
  sent.push(request);
  return { exitCode: 0, stdout: '', stderr: '' };
};
const definition = (name: string, extra: object = {}) => ({ name, description: '', subcommands: [], flags: [], children: [], ...extra });

describe('the request form of a remote command', () => {
  beforeEach(() => (sent.length = 0));

  it('is the reference form for a subcommand known only by its usage line: top-level command, the rest as args', async () => {
    const root = attachRemoteRun(commandFromWire(definition('myplugin', { subcommands: ['greet', 'fail'] })), call);
    const greet = root.subcommands[0];
    expect(isUndescribedSubcommand(greet)).toBe(true);
    await greet.run!({ command: 'myplugin greet', args: ['--name', 'Ada'], flags: {} });
    expect(sent).toEqual([{ command: 'myplugin', args: ['greet', '--name', 'Ada'], flags: {} }]);
  });

  it('is the path form for a subcommand the plugin described with `children`', async () => {
    const wire = definition('code', { subcommands: ['ls'], children: [definition('ls [prefix]')] });
    const ls = attachRemoteRun(commandFromWire(wire), call).subcommands[0];
    expect(isUndescribedSubcommand(ls)).toBe(false);
    await ls.run!({ command: 'code ls', args: ['src'], flags: { limit: '3' } });
    expect(sent).toEqual([{ command: 'code ls', args: ['src'], flags: { limit: '3' } }]);
  });
});
