import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate and its key, as files (for the Go components) and PEM text (for kubeconfigs). */
export interface KeyPair {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

export interface Pki {
  dir: string;
  ca: KeyPair;
  /** kube-apiserver's serving certificate: 127.0.0.1, localhost and the in-cluster names. */
  apiserver: KeyPair;
  /** Client certificates, one per identity RBAC knows by name. */
  admin: KeyPair;
  controllerManager: KeyPair;
  scheduler: KeyPair;
  /** Service-account token signing key (private) and its public half for verification. */
  serviceAccountKeyFile: string;
  serviceAccountPubFile: string;
}

/** The in-cluster names of the API server, as kubeadm puts them in the serving certificate. */
const APISERVER_SANS = [
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
  'IP:127.0.0.1',
  'IP:10.96.0.1',
];

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new Error(
        "openssl is needed to make the real cluster's certificates: apt-get install openssl",
      );
    throw new Error(`openssl ${args[0] ?? ''} failed: ${err.stderr ?? err.message}`);
  }
}

async function ecKey(file: string): Promise<void> {
  await openssl([
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    file,
  ]);
}

export async function loaded(certFile: string, keyFile: string): Promise<KeyPair> {
  return {
    certFile,
    keyFile,
    certPem: await readFile(certFile, 'utf8'),
    keyPem: await readFile(keyFile, 'utf8'),
  };
}

async function makeCa(dir: string): Promise<KeyPair> {
  const keyFile = join(dir, 'ca.key');
  const certFile = join(dir, 'ca.crt');
  await ecKey(keyFile);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    keyFile,
    '-out',
    certFile,
    '-days',
    '30',
    '-subj',
    '/CN=serverless-rollouts-real-cluster-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
  return loaded(certFile, keyFile);
}

/** A leaf signed by the CA: `subject` like `/O=system:masters/CN=kubernetes-admin`. */
export async function makeLeaf(
  dir: string,
  name: string,
  ca: KeyPair,
  subject: string,
  usage: 'server' | 'client',
  sans: string[] = [],
): Promise<KeyPair> {
  const keyFile = join(dir, `${name}.key`);
  const csrFile = join(dir, `${name}.csr`);
  const certFile = join(dir, `${name}.crt`);
  const extFile = join(dir, `${name}.ext`);
  await ecKey(keyFile);
  await openssl(['req', '-new', '-key', keyFile, '-out', csrFile, '-subj', subject]);
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${usage === 'server' ? 'serverAuth' : 'clientAuth'}`,
    ...(sans.length > 0 ? [`subjectAltName=${sans.join(',')}`] : []),
  ];
  await writeFile(extFile, `${ext.join('\n')}\n`);
  await openssl([
    'x509',
    '-req',
    '-in',
    csrFile,
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.keyFile,
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-out',
    certFile,
    '-days',
    '30',
    '-extfile',
    extFile,
  ]);
  return loaded(certFile, keyFile);
}

/**
 * A fresh PKI for one start of the real control plane: CA, API server serving certificate, client
 * certificates for the admin (system:masters), controller manager and scheduler, and the
 * service-account signing key. Made with the openssl CLI: Node has no X.509 generation.
 */
export async function createPki(dir: string): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await makeCa(dir);
  const [apiserver, admin, controllerManager, scheduler] = await Promise.all([
    makeLeaf(dir, 'apiserver', ca, '/CN=kube-apiserver', 'server', APISERVER_SANS),
    makeLeaf(dir, 'admin', ca, '/O=system:masters/CN=kubernetes-admin', 'client'),
    makeLeaf(dir, 'controller-manager', ca, '/CN=system:kube-controller-manager', 'client'),
    makeLeaf(dir, 'scheduler', ca, '/CN=system:kube-scheduler', 'client'),
  ]);
  const serviceAccountKeyFile = join(dir, 'sa.key');
  const serviceAccountPubFile = join(dir, 'sa.pub');
  await openssl([
    'genpkey',
    '-algorithm',
    'RSA',
    '-pkeyopt',
    'rsa_keygen_bits:2048',
    '-out',
    serviceAccountKeyFile,
  ]);
  await openssl(['pkey', '-in', serviceAccountKeyFile, '-pubout', '-out', serviceAccountPubFile]);
  return {
    dir,
    ca,
    apiserver,
    admin,
    controllerManager,
    scheduler,
    serviceAccountKeyFile,
    serviceAccountPubFile,
  };
}
