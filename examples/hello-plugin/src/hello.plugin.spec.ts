import { PluginTestHarness } from '@qntx/plugin-grpc/testing';
import { HelloModule } from './hello.plugin';

/** The hello plugin over real gRPC and built-in, from one harness. */
describe('hello plugin', () => {
  let harness: PluginTestHarness;

  beforeAll(async () => {
    harness = await PluginTestHarness.start(HelloModule, { config: { greeting: 'Howdy' } });
  });
  afterAll(() => harness.close());

  describe.each(['external', 'built-in'])('%s', (kind) => {
    const hello = () => (kind === 'external' ? harness.external : harness.builtin);

    it('greets over HTTP with the configured greeting', async () => {
      const res = await hello().http('GET', '/api/hello/greet/ada');
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ message: 'Howdy, ada!' });
    });

    it('greets from the command line', async () => {
      expect(await hello().command('greet', ['ada'])).toEqual({ exitCode: 0, stdout: 'Howdy, ada!\n', stderr: '' });
    });

    it('reports itself healthy', async () => {
      expect(await hello().plugin.health()).toMatchObject({ healthy: true, message: 'greeting with "Howdy"' });
    });
  });
});
