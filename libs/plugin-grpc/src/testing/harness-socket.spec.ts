import { Module } from '@nestjs/common';
import { Plugin } from '../decorators/plugin.decorator';
import { PluginSocket } from '../decorators/plugin-socket.decorator';
import { PluginSocketConnection } from '../interfaces/plugin-socket.interface';
import { PluginTestHarness } from './plugin-test-harness';

import { EventEmitter } from 'node:events';

/** Closes the handlers saw, for the test that closes from the client's side. */
const handlerCloses = new EventEmitter();

@Plugin({ name: 'talk', version: '1.0.0', qntxVersion: '>= 0.1.0' })
class TalkPlugin {
  /** Answers each frame in capitals (binary frames reversed); "bye" closes with 4000. */
  @PluginSocket('shout')
  async shout(socket: PluginSocketConnection): Promise<void> {
    socket.on('close', (code, reason) => handlerCloses.emit('close', { code, reason }));
    for await (const data of socket) {
      if (data === 'bye') return socket.close(4000, 'see you');
      socket.send(typeof data === 'string' ? data.toUpperCase() : Buffer.from(data).reverse());
    }
  }

  /** The connection's metadata, as the handler sees it. */
  @PluginSocket('whoami')
  whoami(socket: PluginSocketConnection): void {
    socket.send(JSON.stringify({ path: socket.path, name: socket.query.get('name'), agent: socket.headers['user-agent'] }));
  }
}

@Module({ providers: [TalkPlugin] })
class TalkModule {}

describe('PluginHandle.socket', () => {
  let harness: PluginTestHarness;

  beforeAll(async () => {
    harness = await PluginTestHarness.start(TalkModule);
  });
  afterAll(() => harness.close());

  describe.each(['external', 'built-in'])('%s', (kind) => {
    const handle = () => (kind === 'external' ? harness.external : harness.builtin);

    it('exchanges text and binary frames in order', async () => {
      const socket = await handle().socket('shout');
      socket.send('hello');
      socket.send(Buffer.from([1, 2, 3]));
      expect(await socket.next()).toBe('HELLO');
      expect(await socket.next()).toEqual(Buffer.from([3, 2, 1]));
      socket.close();
      expect(await socket.closed()).toEqual({ code: 1000, reason: '' });
    });

    it('hands the query and headers to the handler', async () => {
      const socket = await handle().socket('whoami', { query: '?name=ada', headers: { 'User-Agent': 'jest' } });
      expect(await socket.nextJson()).toEqual({ path: 'whoami', name: 'ada', agent: 'jest' });
      socket.close();
    });

    it('reports a close made by the plugin, with its code and reason', async () => {
      const socket = await handle().socket('shout');
      socket.send('bye');
      expect(await socket.closed()).toEqual({ code: 4000, reason: 'see you' });
      expect(socket.isClosed).toBe(true);
      await expect(socket.next(200)).rejects.toThrow('closed (4000 see you) before another message came');
    });

    it('tells the handler when the test closes the connection', async () => {
      const socket = await handle().socket('shout');
      socket.send('ping');
      await socket.next();
      const seen = new Promise((resolve) => handlerCloses.once('close', resolve));
      socket.close(4001, 'done here');
      expect(await seen).toEqual({ code: 4001, reason: 'done here' });
    });

    it('fails a wait that gets no message, naming the socket', async () => {
      const socket = await handle().socket('shout');
      await expect(socket.next(50)).rejects.toThrow('Socket /ws/talk/shout: no message within 50 ms');
      socket.close();
    });

    it('refuses a path the plugin does not serve, listing the ones it does', async () => {
      // Externally the proxy offers the paths the plugin declared in its Metadata.
      await expect(handle().socket('nope')).rejects.toThrow('Plugin "talk" has no socket "nope" (known: shout, whoami)');
    });
  });
});
