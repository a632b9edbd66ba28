import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadHostConfig } from '../../libs/host/src/config/plugins-config.loader';
import { checkManifests, ManifestDocument, readManifests } from '../support/kubernetes-manifest.checker';

const LAYOUT = '/replicas/';

interface Deployment {
  metadata: { name: string };
  spec: { replicas: number; template: { metadata: { labels: Record<string, string> } } };
}
interface Service {
  metadata: { name: string; namespace: string };
  spec: { clusterIP?: string; selector: Record<string, string>; ports: { port: number; targetPort: string }[] };
}

/**
 * Issue 20, point 4: deploy/kubernetes/replicas/ runs the code plugin as a Deployment of 3
 * replicas behind a headless Service, with mutual TLS, and the host's am.plugins.toml points at it
 * with dns:///. The manifests must be valid, and the config they mount one the host accepts.
 */
describe('Kubernetes layout with plugin replicas (deploy/kubernetes/replicas)', () => {
  const docs = readManifests(resolve(__dirname, '../../deploy/kubernetes')).filter((doc) => doc.where.includes(LAYOUT));
  const of = <T>(kind: string): T[] => docs.filter((doc) => doc.kind === kind).map((doc) => doc.body as unknown as T);

  it('is valid against the Kubernetes schema of each kind', () => {
    expect(docs.length).toBeGreaterThanOrEqual(5);
    expect(checkManifests(docs)).toEqual([]);
  });

  it('runs the code plugin as 3 replicas behind a headless Service', () => {
    const plugin = of<Deployment>('Deployment').find((d) => d.metadata.name === 'code-plugin')!;
    expect(plugin.spec.replicas).toBe(3);
    const service = of<Service>('Service').find((s) => s.metadata.name === 'code-plugin-pods')!;
    expect(service.spec.clusterIP).toBe('None');
    expect(Object.entries(service.spec.selector).every(([key, value]) => plugin.spec.template.metadata.labels[key] === value)).toBe(true);
    expect(service.spec.ports).toEqual([expect.objectContaining({ port: 9000, targetPort: 'grpc' })]);
  });

  it('mounts an am.plugins.toml the host accepts: the headless Service by dns:///, over mutual TLS verified against its name', () => {
    const configMap = docs.find((doc: ManifestDocument) => doc.kind === 'ConfigMap')!.body as { data: Record<string, string> };
    const home = mkdtempSync(join(tmpdir(), 'qntx-k8s-replicas-'));
    try {
      writeFileSync(join(home, 'am.plugins.toml'), configMap.data['am.plugins.toml']);
      const config = loadHostConfig(home, { QNTX_API_TOKEN: 'from-the-secret' });
      expect(config.warnings).toEqual([]);
      const [entry] = config.plugins!;
      const service = of<Service>('Service').find((s) => s.metadata.name === 'code-plugin-pods')!;
      expect(entry).toMatchObject({
        name: 'code',
        enabled: true,
        address: `dns:///${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:9000`,
        dnsName: { host: `${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`, port: 9000 },
        tls: { caFile: '/etc/qntx/tls/ca.crt', certFile: '/etc/qntx/tls/tls.crt', keyFile: '/etc/qntx/tls/tls.key', serverName: 'code-plugin-pods.qntx.svc' },
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
