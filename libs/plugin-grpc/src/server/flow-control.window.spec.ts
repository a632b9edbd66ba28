import { connect } from 'node:http2';
import { PluginFactory, RunningPlugin } from './plugin-factory';
import { SamplePluginModule } from '../testing-fixtures/sample.plugin';
import { SERVER_CONNECTION_WINDOW_BYTES, SERVER_STREAM_WINDOW_BYTES } from './flow-control.window';

/** What a client connecting to a plugin's gRPC server is allowed to send before a WINDOW_UPDATE. */
describe('the plugin gRPC server receive windows', () => {
  let plugin: RunningPlugin;
  beforeAll(async () => {
    plugin = await PluginFactory.create(SamplePluginModule, { port: 0, logger: false });
  });
  afterAll(() => plugin.close());

  it('lets a client send far more than HTTP/2 default 64 KiB per stream and per connection', async () => {
    const session = connect(`http://${plugin.address}`);
    try {
      // The server widens both windows right after its first SETTINGS (another SETTINGS frame
      // and a WINDOW_UPDATE): a ping's answer comes after them.
      await new Promise((resolve) => session.once('connect', resolve));
      for (let i = 0; i < 20 && (session.state.remoteWindowSize ?? 0) < SERVER_CONNECTION_WINDOW_BYTES; i++) {
        await new Promise((resolve) => session.ping(resolve));
      }
      expect(session.remoteSettings.initialWindowSize).toBe(SERVER_STREAM_WINDOW_BYTES);
      expect(session.state.remoteWindowSize).toBe(SERVER_CONNECTION_WINDOW_BYTES);
      expect(SERVER_STREAM_WINDOW_BYTES).toBeGreaterThan(1024 * 1024);
    } finally {
      session.destroy();
    }
  });
});
