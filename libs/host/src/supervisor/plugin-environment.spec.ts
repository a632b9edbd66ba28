import { pluginEnvironment } from './plugin-environment';

describe('pluginEnvironment', () => {
  const host = {
    PATH: '/usr/bin',
    HOME: '/home/op',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    NODE_OPTIONS: '--max-old-space-size=512',
    NODE_AUTH_TOKEN: 'npm-secret',
    QNTX_ADMIN_TOKEN: 'admin-secret',
    AWS_SECRET_ACCESS_KEY: 'cloud-secret',
    AWS_PROFILE: 'ops',
  };

  it("keeps only what a process needs of the host's environment: no token, no credentials", () => {
    expect(pluginEnvironment([], host)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/op',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TZ: 'UTC',
      NODE_OPTIONS: '--max-old-space-size=512',
    });
  });

  it('passes the variables named in inherit_env, and only those that are set', () => {
    expect(pluginEnvironment(['AWS_PROFILE', 'NOT_SET'], host)).toMatchObject({ AWS_PROFILE: 'ops' });
    expect(pluginEnvironment(['AWS_PROFILE', 'NOT_SET'], host)).not.toHaveProperty('NOT_SET');
  });
});
