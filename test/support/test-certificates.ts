import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM file paths of a throw-away PKI made for one test run. */
export interface TestCertificates {
  dir: string;
  /** The CA that signed the server and client certificates. */
  caCert: string;
  /** Server certificate for DNS:plugin.test and IP:127.0.0.1, and its key. */
  serverCert: string;
  serverKey: string;
  /** Client certificate (clientAuth) signed by the CA, and its key. */
  clientCert: string;
  clientKey: string;
  /** Another CA, unrelated to the first, and a client certificate it signed. */
  otherCaCert: string;
  otherClientCert: string;
  otherClientKey: string;
  remove(): void;
}

export function opensslMissing(): string | null {
  const probe = spawnSync('openssl', ['version']);
  return probe.status === 0 ? null : 'openssl is not installed (apt-get install openssl)';
}

/** Creates the PKI with the openssl CLI: EC P-256 keys, valid for one day. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'qntx-certs-'));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  const makeCa = (name: string) =>
    openssl('req', '-x509', ...key, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '1',
      '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const makeLeaf = (name: string, ca: string, extensions: string) => {
    writeFileSync(path(`${name}.ext`), extensions);
    openssl('req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial',
      '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
  };

  makeCa('test-ca');
  makeCa('other-ca');
  makeLeaf('server', 'test-ca', 'subjectAltName=DNS:plugin.test,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  makeLeaf('client', 'test-ca', 'extendedKeyUsage=clientAuth\n');
  makeLeaf('other-client', 'other-ca', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caCert: path('test-ca.crt'),
    serverCert: path('server.crt'),
    serverKey: path('server.key'),
    clientCert: path('client.crt'),
    clientKey: path('client.key'),
    otherCaCert: path('other-ca.crt'),
    otherClientCert: path('other-client.crt'),
    otherClientKey: path('other-client.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
