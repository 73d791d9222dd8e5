import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A small corpus in the shared-corpora layout (`<owner>__<name>/` + LICENSE) with secrets planted
// in realistic places, for end-to-end tests. Everything here is made up for the test.

export const MIT_LICENSE = `MIT License

Copyright (c) 2026 Example

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY.
`;

/** The planted secret values; none may appear in any gold file. */
export const PLANTED_SECRETS = {
  awsAccessKey: 'AKIAZ7QX3MPL4EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  githubToken: 'ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R',
  openaiKey: 'sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA',
  email: 'jane.doe@acme-corp.example',
  publicIp: '203.0.113.77',
  privateIp: '192.168.14.9',
  dbPassword: 'S3cr3t-Pa55w0rd!',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  secretData: 'c3VwZXJzZWNyZXR2YWx1ZQ==',
  privateKeyBody: 'MIIEowIBAAKCAQEAx7PlantedKeyMaterialOnlyForTests0123456789',
};

/** Values that must survive redaction. */
export const MUST_SURVIVE = [
  '10.0.0.0/16',
  '172.16.0.0/12',
  'nvcr.io/nvidia/tritonserver:24.01-py3',
  'llama-serving',
];

/** Write the planted corpus under `root`, plus `extra` generated GPU deployments for volume. */
export function writePlantedCorpus(root: string, extra = 0): void {
  const repo = join(root, 'acme__ml-serving');
  mkdirSync(join(repo, 'deploy'), { recursive: true });
  writeFileSync(join(repo, 'LICENSE'), MIT_LICENSE);
  const s = PLANTED_SECRETS;
  writeFileSync(
    join(repo, 'deploy', 'triton.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: llama-serving
  namespace: inference
  annotations:
    owner: ${s.email}
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: triton
          image: nvcr.io/nvidia/tritonserver:24.01-py3
          args: ["--model-repository=s3://models", "--api-key=${s.openaiKey}"]
          env:
            - name: AWS_ACCESS_KEY_ID
              value: ${s.awsAccessKey}
            - name: AWS_SECRET_ACCESS_KEY
              value: "${s.awsSecret}"
            - name: GITHUB_TOKEN
              value: ${s.githubToken}
            - name: UPSTREAM
              value: http://${s.publicIp}:8000/v2
            - name: METRICS_HOST
              value: ${s.privateIp}
          resources:
            limits:
              nvidia.com/gpu: 1
`,
  );
  writeFileSync(
    join(repo, 'deploy', 'secrets.yaml'),
    `apiVersion: v1
kind: Secret
metadata:
  name: kserve-db
  labels:
    app: kserve
type: Opaque
data:
  password: ${s.secretData}
stringData:
  token: ${s.jwt}
  tls.key: |
    -----BEGIN RSA PRIVATE KEY-----
    ${s.privateKeyBody}
    -----END RSA PRIVATE KEY-----
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: kserve-db-config
data:
  db_password: ${s.dbPassword}
  DATABASE_URL: postgres://admin:${s.dbPassword}@db.internal:5432/models
`,
  );
  writeFileSync(
    join(repo, 'deploy', 'network.yaml'),
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: kserve-ingress
  namespace: inference
spec:
  podSelector: {}
  ingress:
    - from:
        - ipBlock:
            cidr: 10.0.0.0/16
            except:
              - 172.16.0.0/12
`,
  );
  for (let index = 0; index < extra; index++) {
    writeFileSync(
      join(repo, 'deploy', `model-${String(index).padStart(3, '0')}.yaml`),
      `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: model-${index}-${(index * 7919) % 1000}
  namespace: team-${index % 7}
spec:
  predictor:
    model:
      modelFormat:
        name: ${['sklearn', 'xgboost', 'pytorch', 'onnx', 'tensorflow'][index % 5]}
      storageUri: gs://bucket-${index}/models/${(index * 104729) % 100000}/v${index % 3}
      resources:
        limits:
          cpu: "${(index % 4) + 1}"
          memory: ${(index % 8) + 1}Gi
`,
    );
  }
}
