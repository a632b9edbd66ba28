import { isOriginAllowed } from './origin-policy';

describe('isOriginAllowed', () => {
  it('allows the same origin as the Host header, whatever the case', () => {
    expect(isOriginAllowed('http://127.0.0.1:8787', '127.0.0.1:8787', [])).toBe(true);
    expect(isOriginAllowed('http://LocalHost:8787', 'localhost:8787', [])).toBe(true);
  });

  it('refuses another host or port, "null" and garbage', () => {
    expect(isOriginAllowed('http://evil.example', 'localhost:8787', [])).toBe(false);
    expect(isOriginAllowed('http://localhost:9999', 'localhost:8787', [])).toBe(false);
    expect(isOriginAllowed('null', 'localhost:8787', [])).toBe(false);
    expect(isOriginAllowed('not a url', 'localhost:8787', [])).toBe(false);
  });

  it('allows configured origins exactly (scheme, host and port), or any with "*"', () => {
    const allowed = ['https://app.example.com'];
    expect(isOriginAllowed('https://app.example.com', 'localhost:8787', allowed)).toBe(true);
    expect(isOriginAllowed('http://app.example.com', 'localhost:8787', allowed)).toBe(false);
    expect(isOriginAllowed('https://app.example.com:444', 'localhost:8787', allowed)).toBe(false);
    expect(isOriginAllowed('https://anything.example', 'localhost:8787', ['*'])).toBe(true);
  });

  it('allows a request without Origin: no browser page can send one', () => {
    expect(isOriginAllowed(undefined, 'localhost:8787', [])).toBe(true);
  });
});
