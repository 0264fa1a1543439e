import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

// Production manifests are data: parse them and check what every operator relies on.
const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked freely; the assertions are the types.
type Obj = Record<string, any>;
const k8sDir = 'deploy/k8s';
const kustomization = parse(read(`${k8sDir}/kustomization.yaml`)) as { resources: string[] };
const objects: Obj[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(read(`${k8sDir}/${file}`)).map((d) => d.toJS() as Obj),
);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const deployments = ofKind('Deployment');
const byName = (kind: string, name: string) => ofKind(kind).find((o) => o.metadata.name === name);

// Every service with a server is an API; every one with workers also runs workers-only.
const services = readdirSync(resolve(root, 'services')).filter((s) =>
  existsSync(resolve(root, 'services', s, 'src/server.ts')),
);
const withWorkers = services.filter((s) => existsSync(resolve(root, 'services', s, 'src/workers/index.ts')));

describe('Kubernetes manifests (kustomize)', () => {
  it('have a Deployment, Service, HPA and PDB per API, a workers-only Deployment per service with workers, the relay and a migration Job', () => {
    expect(services.length).toBeGreaterThanOrEqual(6);
    for (const s of services) {
      expect(byName('Deployment', s), s).toBeDefined();
      expect(byName('Service', s), s).toBeDefined();
      expect(byName('HorizontalPodAutoscaler', s), s).toBeDefined();
      expect(byName('PodDisruptionBudget', s), s).toBeDefined();
    }
    for (const s of withWorkers) {
      expect(byName('Deployment', `${s}-workers`)?.spec.template.spec.containers[0].args).toEqual([
        'workers',
        s,
      ]);
    }
    expect(byName('Deployment', 'relay')?.spec.template.spec.containers[0].args).toEqual(['relay']);
    expect(ofKind('Job').map((j) => j.spec.template.spec.containers[0].args)).toEqual([['migrate']]);
  });

  it('give every workload probes, resources and a non-root, locked-down security context', () => {
    const pods = [...deployments, ...ofKind('Job')].map((o) => ({
      name: o.metadata.name,
      spec: o.spec.template.spec,
    }));
    expect(pods.length).toBe(services.length + withWorkers.length + 2);
    for (const { name, spec } of pods) {
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
      expect(spec.securityContext?.runAsUser, name).toBeGreaterThan(0);
      for (const c of spec.containers) {
        for (const key of ['requests', 'limits']) {
          expect(c.resources?.[key]?.cpu, `${name} ${key}.cpu`).toBeTruthy();
          expect(c.resources?.[key]?.memory, `${name} ${key}.memory`).toBeTruthy();
        }
        expect(c.securityContext, name).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
    for (const d of deployments) {
      const [c] = d.spec.template.spec.containers;
      const port = c.ports[0].containerPort;
      expect(c.readinessProbe?.httpGet, d.metadata.name).toEqual({ path: '/health/ready', port });
      expect(c.livenessProbe?.httpGet, d.metadata.name).toEqual({ path: '/health/live', port });
    }
  });

  it('point every HPA and PDB at a Deployment that exists', () => {
    const labelsOf = new Map(deployments.map((d) => [d.metadata.name, d.spec.template.metadata.labels]));
    for (const h of ofKind('HorizontalPodAutoscaler'))
      expect(labelsOf.has(h.spec.scaleTargetRef.name)).toBe(true);
    for (const p of ofKind('PodDisruptionBudget')) {
      const match = [...labelsOf.values()].some((l) =>
        Object.entries(p.spec.selector.matchLabels).every(([k, v]) => l[k] === v),
      );
      expect(match, p.metadata.name).toBe(true);
    }
    expect(ofKind('PodDisruptionBudget').length).toBe(deployments.length);
  });
});

describe('the production image and compose profile', () => {
  const dockerfile = read('Dockerfile');
  const entrypoint = read('docker/entrypoint.sh');

  it('runs the bundles on Node 24 as a non-root user, with one entrypoint for every role', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)).toMatch(/^node:24\./);
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toContain('ENTRYPOINT ["mm"]');
    expect(dockerfile).toContain('npm run build');
    for (const s of services) expect(entrypoint).toMatch(new RegExp(`\\b${s}\\b`));
    for (const role of ['workers)', 'relay)', 'migrate)']) expect(entrypoint).toContain(role);
  });

  it('the production profile runs each role in its own container, with replicas, after the migration', () => {
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, Obj> };
    // Our image's containers (MinIO and its bucket job come with the profile too).
    const prod = Object.entries(compose.services).filter(
      ([, s]) => s.profiles?.includes('production') && s.image === 'migraine-massage:latest',
    );
    const roles = prod.map(([, s]) => (s.command as string[]).join(' '));
    for (const s of services) expect(roles).toContain(s);
    for (const s of withWorkers) expect(roles).toContain(`workers ${s}`);
    expect(roles).toEqual(expect.arrayContaining(['relay', 'migrate']));
    for (const [name, s] of prod) {
      if (name === 'migrate') continue;
      expect(s.deploy?.replicas, name).toBeGreaterThanOrEqual(1);
      expect(s.depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
    }
  });
});
