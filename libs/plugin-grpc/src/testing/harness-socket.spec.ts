import { Module } from '@nestjs/common';
import { Plugin } from '../decorators/plugin.decorator';
import { PluginSocket } from '../decorators/plugin-socket.decorator';
import { PluginSocketConnection } from '../interfaces/plugin-socket.interface';
import { PluginTestHarness } from './plugin-test-harness';

@Plugin({ name: 'echoer', version: '1.0.0' })
class EchoerPlugin {
  @PluginSocket('echo')
  echo(socket: PluginSocketConnection): void {
    socket.send(`hello ${socket.query.get('who') ?? 'stranger'}`);
    socket.on('message', (data) => {
      if (data === 'bye') socket.close(4000, 'asked to leave');
      else socket.send(data);
    });
  }
}

@Module({ providers: [EchoerPlugin] })
class EchoerModule {}

describe('PluginTestHarness sockets', () => {
  let harness: PluginTestHarness;

  beforeAll(async () => (harness = await PluginTestHarness.start(EchoerModule)));
  afterAll(() => harness.close());

  it.each(['external', 'built-in'] as const)('talks to a @PluginSocket frame by frame, and sees the plugin close it (%s)', async (kind) => {
    const handle = kind === 'external' ? harness.external : harness.builtin;
    const socket = await handle.socket('echo', { query: 'who=Ada' });
    expect(await socket.next()).toBe('hello Ada');
    socket.send('ping');
    socket.send(Buffer.from([1, 2, 3]));
    expect(await socket.next()).toBe('ping');
    expect(await socket.next()).toEqual(Buffer.from([1, 2, 3]));
    socket.send('bye');
    await expect(socket.closed).resolves.toEqual({ code: 4000, reason: 'asked to leave' });
    await expect(socket.next()).rejects.toThrow('the socket closed (4000 asked to leave)');
  });

  it('names the sockets a plugin has when asked for another', async () => {
    await expect(harness.builtin.socket('nope')).rejects.toThrow('Plugin "echoer" has no socket "nope" (its sockets: echo).');
  });
});
