import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPluginEntries } from '../libs/host/src/config/plugins-config.loader';
import { checkManifests, ManifestDocument, readManifests } from './support/kubernetes-manifest.checker';

const DEPLOY = resolve(__dirname, '../deploy/kubernetes');

/* Just enough of the shapes to cross-check the documents; the schemas are checked by checkManifests. */
interface Probe {
  grpc?: { port: number; service?: string };
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  restartPolicy?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
  env?: { name: string; value?: string }[];
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; secret?: { secretName: string } }[];
}
interface Deployment {
  metadata: { name: string };
  spec: { template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}

const byKind = (docs: ManifestDocument[], kind: string) => docs.filter((doc) => doc.kind === kind);
const deployment = (docs: ManifestDocument[], name: string) =>
  byKind(docs, 'Deployment').map((doc) => doc.body as unknown as Deployment).find((d) => d.metadata.name === name)!;
const allContainers = (d: Deployment) => [...(d.spec.template.spec.initContainers ?? []), ...d.spec.template.spec.containers];
/** The containers that run for the pod's life: regular ones and native sidecars. */
const longRunning = (d: Deployment) => allContainers(d).filter((c) => !d.spec.template.spec.initContainers?.includes(c) || c.restartPolicy === 'Always');
const arg = (container: Container, flag: string) => container.args?.[container.args.indexOf(flag) + 1];
const probes = (c: Container) => [c.readinessProbe, c.livenessProbe, c.startupProbe].filter((p): p is Probe => !!p);

/** The host's am.plugins.toml from a ConfigMap, read by the host's own loader. */
function hostEntries(docs: ManifestDocument[]) {
  const configMap = byKind(docs, 'ConfigMap').find((doc) => (doc.body.metadata as { name: string }).name === 'qntx-host-config')!;
  const home = mkdtempSync(join(tmpdir(), 'qntx-k8s-home-'));
  try {
    writeFileSync(join(home, 'am.plugins.toml'), (configMap.body.data as Record<string, string>)['am.plugins.toml']);
    // The token comes from the qntx-api-token Secret in the pod's environment.
    return loadPluginEntries(home, { ...process.env, QNTX_API_TOKEN: 'from-the-secret' });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe('Kubernetes manifests under deploy/', () => {
  const all = readManifests(DEPLOY);
  const sidecar = all.filter((doc) => doc.where.includes('/sidecar/'));
  const separate = all.filter((doc) => doc.where.includes('/separate/'));

  it('are all valid against the Kubernetes schema of their kind', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(checkManifests(all)).toEqual([]);
  });

  describe('the schema check itself', () => {
    const pod = (container: Record<string, unknown>): ManifestDocument => ({
      where: 'inline#1',
      apiVersion: 'v1',
      kind: 'Pod',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', ...container }] } },
    });

    it('rejects a misspelled field name, naming it and the document', () => {
      const problems = checkManifests([pod({ imagePullPolcy: 'Always' })]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^inline#1: .*imagePullPolcy/);
    });

    it('rejects a misspelled field deep inside a probe', () => {
      expect(checkManifests([pod({ readinessProbe: { grpc: { prot: 9001 } } })]).join('\n')).toMatch(/prot/);
    });

    it('rejects a wrong type and a missing required field', () => {
      expect(checkManifests([pod({ ports: [{ containerPort: 'http' }] })])).not.toEqual([]);
      expect(checkManifests([pod({ readinessProbe: { grpc: {} } })])).not.toEqual([]);
    });

    it('rejects a kind it has no schema for', () => {
      const doc: ManifestDocument = { where: 'inline#1', apiVersion: 'v1', kind: 'Podd', body: { apiVersion: 'v1', kind: 'Podd' } };
      expect(checkManifests([doc])).toEqual(['inline#1: unknown apiVersion/kind v1 Podd']);
    });
  });

  it('probe every plugin container with gRPC health on the port its --health-address names, and the host on /api/plugins', () => {
    for (const doc of byKind(all, 'Deployment')) {
      for (const container of longRunning(doc.body as unknown as Deployment)) {
        const containerProbes = probes(container);
        expect(containerProbes.length).toBeGreaterThanOrEqual(2);
        if (container.name === 'host') {
          for (const probe of containerProbes) expect(probe.httpGet?.path).toBe('/api/plugins');
        } else {
          const healthPort = Number(arg(container, '--health-address')?.split(':').pop());
          for (const probe of containerProbes) expect(probe.grpc?.port).toBe(healthPort);
        }
      }
    }
  });

  it('give every Service a selector matching a Deployment and target ports its pods declare', () => {
    for (const doc of byKind(all, 'Service')) {
      const spec = doc.body.spec as { selector: Record<string, string>; ports: { targetPort: string | number }[] };
      const group = all.filter((other) => other.where.split('#')[0] === doc.where.split('#')[0]);
      const target = byKind(group, 'Deployment')
        .map((d) => d.body as unknown as Deployment)
        .find((d) => Object.entries(spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
      expect(target).toBeDefined();
      const portNames = allContainers(target!).flatMap((c) => (c.ports ?? []).map((p) => p.name));
      for (const port of spec.ports) expect(portNames).toContain(port.targetPort);
    }
  });

  it('sidecar: the host reaches the plugin on the pod loopback at the port the plugin listens on', () => {
    const [entry] = hostEntries(sidecar);
    const plugin = deployment(sidecar, 'qntx-host').spec.template.spec.initContainers!.find((c) => c.name === 'code-plugin')!;
    expect(entry).toMatchObject({ name: 'code', enabled: true, address: `127.0.0.1:${arg(plugin, '--port')}` });
    expect(arg(plugin, '--host')).toBe('127.0.0.1');
    expect(entry.tls).toBeUndefined();
  });

  it('separate: the host reaches the plugin by Service name over mutual TLS with the files its Secret mounts', () => {
    const [entry] = hostEntries(separate);
    expect(entry.address).toBe('code-plugin.qntx.svc:9000');
    expect(entry.tls?.serverName).toBe('code-plugin.qntx.svc');

    const host = deployment(separate, 'qntx-host');
    const mount = host.spec.template.spec.containers[0].volumeMounts!.find((m) => m.name === 'tls')!;
    expect(host.spec.template.spec.volumes!.find((v) => v.name === 'tls')?.secret?.secretName).toBe('qntx-host-tls');
    for (const file of [entry.tls!.caFile, entry.tls!.certFile, entry.tls!.keyFile]) {
      expect(file?.startsWith(`${mount.mountPath}/`)).toBe(true);
    }

    const wait = host.spec.template.spec.initContainers!.find((c) => c.name === 'wait-for-code-plugin')!;
    expect(wait.command!.join(' ')).toContain("net.connect(9000, 'code-plugin.qntx.svc'");

    const plugin = deployment(separate, 'code-plugin').spec.template.spec.containers[0];
    const env = Object.fromEntries((plugin.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      QNTX_PLUGIN_TLS_CERT: expect.any(String),
      QNTX_PLUGIN_TLS_KEY: expect.any(String),
      QNTX_PLUGIN_TLS_CLIENT_CA: expect.any(String),
    });
    const service = byKind(separate, 'Service').find((doc) => (doc.body.metadata as { name: string }).name === 'code-plugin')!;
    expect((service.body.spec as { ports: { port: number }[] }).ports[0].port).toBe(Number(arg(plugin, '--port')));
  });
});
