import { parseHostArgs } from './host-args';

describe('parseHostArgs', () => {
  it('defaults to Express on loopback port 8787', () => {
    expect(parseHostArgs([], {})).toEqual({ port: 8787, host: '127.0.0.1', httpAdapter: 'express' });
  });

  it('takes the HTTP adapter from --http-adapter or QNTX_HTTP_ADAPTER, the flag first', () => {
    expect(parseHostArgs(['--http-adapter', 'fastify'], {}).httpAdapter).toBe('fastify');
    expect(parseHostArgs([], { QNTX_HTTP_ADAPTER: 'fastify' }).httpAdapter).toBe('fastify');
    expect(parseHostArgs(['--http-adapter=express'], { QNTX_HTTP_ADAPTER: 'fastify' }).httpAdapter).toBe('express');
  });

  it('refuses an adapter it does not know, naming the choices', () => {
    expect(() => parseHostArgs(['--http-adapter', 'koa'], {})).toThrow('--http-adapter/QNTX_HTTP_ADAPTER must be one of express, fastify, got "koa".');
  });
});
