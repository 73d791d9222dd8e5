import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import { jaccard, minhashSignature, normalizeTokens } from './minhash.js';
import {
  type DuplicateClusters,
  findNearDuplicates,
  lshCollisionProbability,
  lshParameters,
} from './near-duplicates.js';

const NUM_PERMUTATIONS = 128;
const options = { threshold: 0.8, numPermutations: NUM_PERMUTATIONS };

function deployment(name: string, image: string, replicas = 2): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: default
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/component: server
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      serviceAccountName: ${name}
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: ${name}
        image: ${image}
        imagePullPolicy: IfNotPresent
        ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        readinessProbe:
          httpGet:
            path: /healthz
            port: http
          initialDelaySeconds: 5
          periodSeconds: 10
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            memory: 256Mi
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop:
            - ALL
        args:
        - --listen-address=0.0.0.0:8080
        - --log-level=info
        - --config=/etc/${name}/config.yaml
        env:
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: GOMAXPROCS
          valueFrom:
            resourceFieldRef:
              resource: limits.cpu
        volumeMounts:
        - name: config
          mountPath: /etc/${name}
          readOnly: true
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: config
        configMap:
          name: ${name}-config
      - name: tmp
        emptyDir: {}
`;
}

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: grafana-dashboards
data:
  prometheus.yaml: |
    datasources:
    - name: Prometheus
      type: prometheus
      url: http://prometheus-server.monitoring.svc:9090
      access: proxy
      isDefault: true
`;

function item(id: string, text: string, order = id) {
  return { id, order, signature: minhashSignature(text, { numPermutations: NUM_PERMUTATIONS }) };
}

function canonical(result: DuplicateClusters) {
  return { clusters: result.clusters, duplicates: [...result.duplicates].sort() };
}

describe('lshParameters', () => {
  it('chooses bands and rows for 0.8 with 128 permutations whose S-curve is steep around the threshold', () => {
    const { bands, rows } = lshParameters(0.8, 128);
    expect(bands * rows).toBeLessThanOrEqual(128);
    const atThreshold = lshCollisionProbability(0.8, bands, rows);
    expect(atThreshold).toBeGreaterThan(0.3);
    expect(atThreshold).toBeLessThan(0.9);
    expect(lshCollisionProbability(0.5, bands, rows)).toBeLessThan(0.05);
    expect(lshCollisionProbability(0.95, bands, rows)).toBeGreaterThan(0.95);
    expect(lshParameters(0.8, 128)).toEqual({ bands, rows });
  });

  it('is no worse than neighbouring choices under a finer, independent integration', () => {
    // Weighted false positive + false negative area, by the midpoint rule with 20,000 steps.
    const error = (threshold: number, bands: number, rows: number) => {
      const steps = 20_000;
      let total = 0;
      for (let index = 0; index < steps; index++) {
        const s = (index + 0.5) / steps;
        const p = lshCollisionProbability(s, bands, rows);
        total += (s < threshold ? p : 1 - p) / steps;
      }
      return 0.5 * total;
    };
    for (const threshold of [0.7, 0.8, 0.85]) {
      const { bands, rows } = lshParameters(threshold, 128);
      const chosen = error(threshold, bands, rows);
      for (const [otherBands, otherRows] of [
        [bands + 1, rows],
        [bands - 1, rows],
        [bands, rows + 1],
        [bands, rows - 1],
        [Math.floor(128 / (rows + 1)), rows + 1],
        [Math.floor(128 / Math.max(1, rows - 1)), rows - 1],
      ] as Array<[number, number]>) {
        if (otherBands < 1 || otherRows < 1 || otherBands * otherRows > 128) continue;
        expect(chosen).toBeLessThanOrEqual(error(threshold, otherBands, otherRows) + 1e-9);
      }
    }
  });

  it('picks what a direct search with two powers per Simpson point picks (0.05–0.95, 16–256 permutations)', () => {
    const simpson = (f: (s: number) => number, from: number, to: number) => {
      if (to <= from) return 0;
      const step = (to - from) / 96;
      let sum = f(from) + f(to);
      for (let index = 1; index < 96; index++) sum += (index % 2 === 1 ? 4 : 2) * f(from + index * step);
      return (sum * step) / 3;
    };
    const direct = (threshold: number, n: number) => {
      let best = { bands: 1, rows: 1 };
      let bestError = Number.POSITIVE_INFINITY;
      for (let bands = 1; bands <= n; bands++) {
        for (let rows = 1; rows <= Math.floor(n / bands); rows++) {
          const fp = simpson((s) => lshCollisionProbability(s, bands, rows), 0, threshold);
          const fn = simpson((s) => 1 - lshCollisionProbability(s, bands, rows), threshold, 1);
          if (0.5 * fp + 0.5 * fn < bestError) {
            bestError = 0.5 * fp + 0.5 * fn;
            best = { bands, rows };
          }
        }
      }
      return best;
    };
    for (const n of [16, 64, 128, 256]) {
      for (const threshold of [0.05, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1]) {
        expect(lshParameters(threshold, n), `${threshold} with ${n}`).toEqual(direct(threshold, n));
      }
    }
  });

  it('uses more rows for a higher threshold and rejects invalid input', () => {
    expect(lshParameters(0.85, 128).rows).toBeGreaterThanOrEqual(lshParameters(0.7, 128).rows);
    expect(() => lshParameters(0, 128)).toThrow(InfraLMError);
    expect(() => lshParameters(1.2, 128)).toThrow(InfraLMError);
    expect(() => lshParameters(0.8, 0)).toThrow(InfraLMError);
  });
});

describe('findNearDuplicates', () => {
  it('clusters identical documents and keeps the smallest order', () => {
    const text = deployment('web', 'nginx:1.25.3');
    const result = findNearDuplicates(
      [item('c', text, '3'), item('a', text, '1'), item('other', configMap, '0'), item('b', text, '2')],
      options,
    );
    expect(result.clusters).toEqual([{ kept: 'a', members: ['a', 'b', 'c'], similarity: 1 }]);
    expect(canonical(result).duplicates).toEqual(['b', 'c']);
  });

  it('clusters a manifest whose image tag changed, at threshold 0.8', () => {
    const before = deployment('web', 'ghcr.io/acme/web:1.4.2');
    const after = deployment('web', 'ghcr.io/acme/web:1.5.0');
    expect(jaccard(normalizeTokens(before), normalizeTokens(after))).toBeGreaterThan(0.8);
    const result = findNearDuplicates([item('new', after, 'b'), item('old', before, 'a')], options);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]!.kept).toBe('old');
    expect(result.clusters[0]!.members).toEqual(['old', 'new']);
    expect(result.clusters[0]!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(result.clusters[0]!.similarity).toBeLessThan(1);
    expect([...result.duplicates]).toEqual(['new']);
  });

  it('does not cluster unrelated manifests', () => {
    const result = findNearDuplicates(
      [item('deployment', deployment('web', 'nginx:1.25')), item('config', configMap)],
      options,
    );
    expect(result.clusters).toEqual([]);
    expect(result.duplicates.size).toBe(0);
  });

  it('gives the same output whatever the input order', () => {
    const documents = [
      item('web-1', deployment('web', 'nginx:1.25.3'), '2024/a'),
      item('web-2', deployment('web', 'nginx:1.25.4'), '2023/b'),
      item('web-3', deployment('web', 'nginx:1.25.3'), '2024/a'),
      item('api-1', deployment('api', 'ghcr.io/acme/api:7'), '2022/z'),
      item('api-2', deployment('api', 'ghcr.io/acme/api:8'), '2021/y'),
      item('config', configMap, '2020/x'),
      item('config-copy', configMap, '2025/x'),
    ];
    const expected = canonical(findNearDuplicates(documents, options));
    expect(expected.clusters.map((cluster) => cluster.kept)).toEqual(['config', 'api-2', 'web-2']);
    fc.assert(
      fc.property(fc.shuffledSubarray(documents, { minLength: documents.length }), (shuffled) => {
        expect(canonical(findNearDuplicates(shuffled, options))).toEqual(expected);
      }),
    );
  });

  it('handles a bucket of 5,000 identical documents as one cluster without pairwise comparisons', () => {
    const signature = minhashSignature(deployment('boilerplate', 'busybox:1.36'));
    const items = Array.from({ length: 5000 }, (_, index) => ({
      id: `doc-${index}`,
      signature,
      order: String(index).padStart(5, '0'),
    }));
    const result = findNearDuplicates(items.reverse(), options);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]!.members).toHaveLength(5000);
    expect(result.clusters[0]!.kept).toBe('doc-0');
    expect(result.duplicates.size).toBe(4999);
    expect(result.duplicates.has('doc-0')).toBe(false);
  });

  it('verifies against more than the first member of a bucket that holds several clusters', () => {
    const { bands, rows } = lshParameters(0.8, NUM_PERMUTATIONS);
    const base = Uint32Array.from({ length: NUM_PERMUTATIONS }, (_, index) => index);
    // outsider shares only band 0 with the pair; the pair agrees everywhere except one value per other band.
    const outsider = base.map((value, index) => (index < rows ? value : value + 1_000_000));
    const first = base.slice();
    const second = base.slice();
    for (let band = 1; band < bands; band++) second[band * rows] = 2_000_000 + band;
    const result = findNearDuplicates(
      [
        { id: 'outsider', order: '0', signature: outsider },
        { id: 'first', order: '1', signature: first },
        { id: 'second', order: '2', signature: second },
      ],
      options,
    );
    expect(result.clusters).toEqual([
      {
        kept: 'first',
        members: ['first', 'second'],
        similarity: (NUM_PERMUTATIONS - bands + 1) / NUM_PERMUTATIONS,
      },
    ]);
  });

  it('rejects repeated ids and signatures of the wrong length', () => {
    const text = deployment('web', 'nginx');
    expect(() => findNearDuplicates([item('a', text), item('a', text)], options)).toThrow(/twice/);
    expect(() =>
      findNearDuplicates([{ id: 'short', order: '1', signature: new Uint32Array(64) }], options),
    ).toThrow(InfraLMError);
  });
});
