import * as protoLoader from '@grpc/proto-loader';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedProtoText, packageDefinitionFromText } from './embedded-protos';
import { loadSync as shimLoadSync } from './proto-loader.bundle-shim';
import { resolveProtoDir } from './proto-path';

const OPTIONS: protoLoader.Options = { keepCase: true, longs: String, enums: Number, defaults: true, oneofs: true };
const domainFile = join(resolveProtoDir(), 'domain.proto');
const domainText = readFileSync(domainFile, 'utf8');
const global = globalThis as { __QNTX_EMBEDDED_PROTOS__?: Record<string, string> };

/** What a service definition says on the wire: paths and message type names. */
function wireShape(definition: protoLoader.PackageDefinition): unknown {
  const service = definition['protocol.DomainPluginService'] as protoLoader.ServiceDefinition;
  return Object.values(service).map((m) => [m.path, m.requestStream, m.responseStream, (m.requestType.type as { name: string }).name]);
}

describe('embedded protos (one-file bundles)', () => {
  afterEach(() => delete global.__QNTX_EMBEDDED_PROTOS__);

  it('has none outside a bundle', () => {
    expect(embeddedProtoText('domain.proto')).toBeNull();
  });

  it('finds a text by the end of the path it is asked for', () => {
    global.__QNTX_EMBEDDED_PROTOS__ = { 'health/v1/health.proto': 'syntax = "proto3";' };
    expect(embeddedProtoText('/gone/node_modules/grpc-health-check/proto/health/v1/health.proto')).toBe('syntax = "proto3";');
    expect(embeddedProtoText('health/v1/health.proto')).toBe('syntax = "proto3";');
    expect(embeddedProtoText('/x/myhealth/v1/health.proto')).toBeNull();
  });

  it('makes the same service definition from the text as proto-loader does from the file', () => {
    const fromFile = protoLoader.loadSync(domainFile, OPTIONS);
    const fromText = packageDefinitionFromText(domainText, OPTIONS);
    expect(Object.keys(fromText).sort()).toEqual(Object.keys(fromFile).sort());
    expect(wireShape(fromText)).toEqual(wireShape(fromFile));
    const request = { method: 'GET', path: '/api/x', headers: [{ name: 'a', values: ['1'] }], body: Buffer.from('hi') };
    const encode = (d: protoLoader.PackageDefinition) =>
      (d['protocol.DomainPluginService'] as protoLoader.ServiceDefinition).HandleHTTP.requestSerialize(request);
    expect(encode(fromText)).toEqual(encode(fromFile));
  });

  it('lets packages load a proto file that is missing on disk from the embedded text, and prefers the file', () => {
    global.__QNTX_EMBEDDED_PROTOS__ = { 'domain.proto': domainText.replace('package protocol;', 'package embedded;') };
    expect(Object.keys(shimLoadSync('/nowhere/proto/domain.proto', OPTIONS))).toContain('embedded.DomainPluginService');
    expect(Object.keys(shimLoadSync(domainFile, OPTIONS))).toContain('protocol.DomainPluginService');
    expect(() => shimLoadSync('/nowhere/other.proto', OPTIONS)).toThrow(/ENOENT/);
  });
});
