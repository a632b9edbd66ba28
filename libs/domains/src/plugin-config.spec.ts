import { MapPluginConfig } from './plugin-config';
import { InvalidConfigValueError } from './errors/invalid-config-value.error';

describe('MapPluginConfig', () => {
  const config = new MapPluginConfig('code', {
    root: '/src',
    depth: '3',
    verbose: 'true',
    tags: '["a","b"]',
    names: 'x, y',
    bad: 'seven',
  });

  it('reads typed values with fallbacks', () => {
    expect(config.getString('root')).toBe('/src');
    expect(config.getString('missing', 'dflt')).toBe('dflt');
    expect(config.getInt('depth')).toBe(3);
    expect(config.getInt('missing', 9)).toBe(9);
    expect(config.getBool('verbose')).toBe(true);
    expect(config.getStringSlice('tags')).toEqual(['a', 'b']);
    expect(config.getStringSlice('names')).toEqual(['x', 'y']);
    expect(config.get('missing')).toBeUndefined();
  });

  it('names the plugin and key when a value does not parse', () => {
    expect(() => config.getInt('bad')).toThrow(InvalidConfigValueError);
    expect(() => config.getInt('bad')).toThrow('Config key "bad" of plugin "code" is "seven", which is not an integer.');
    expect(() => config.getBool('bad')).toThrow(/not a boolean/);
  });

  it('sets values and exports them as text', () => {
    const c = new MapPluginConfig('x');
    c.set('a', '1');
    expect(c.toRecord()).toEqual({ a: '1' });
  });
});
