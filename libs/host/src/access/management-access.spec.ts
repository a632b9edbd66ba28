import { bearerToken, isLoopback, managementRefusal } from './management-access';

describe('management access', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('treats %s as loopback', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each(['10.0.0.5', '::ffff:192.168.1.2', 'fe80::1', '', undefined])('does not treat %s as loopback', (address) => {
    expect(isLoopback(address)).toBe(false);
  });

  it('lets loopback clients in without a token', () => {
    expect(managementRefusal('127.0.0.1', undefined, undefined)).toBeNull();
    expect(managementRefusal('::1', 'wrong', 'sesame')).toBeNull();
  });

  it('refuses remote clients when no admin token is configured', () => {
    expect(managementRefusal('10.0.0.5', 'anything', undefined)).toMatch(/only open to loopback clients/);
  });

  it('lets a remote client in with the admin token, and not with another', () => {
    expect(managementRefusal('10.0.0.5', 'sesame', 'sesame')).toBeNull();
    expect(managementRefusal('10.0.0.5', 'sesam', 'sesame')).toMatch(/needs the admin token/);
    expect(managementRefusal('10.0.0.5', undefined, 'sesame')).toMatch(/needs the admin token/);
  });

  it('reads a bearer token', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
