/**
 * A kubeconfig per controller under test, each with its own client certificate (in
 * system:masters, as the admin): the audit log then tells the controller's requests apart from
 * the benchmark's own and from the control plane's, whatever User-Agent a client sends.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loaded, makeLeaf } from '../../functions/real-cluster/certs.js';
import { buildKubeconfig } from '../../functions/real-cluster/kubeconfig.js';

/** Signs a client certificate for `user` with the cluster's CA (in `pkiDir`) and writes its kubeconfig. */
export async function writeUserKubeconfig(opts: {
  server: string;
  pkiDir: string;
  dir: string;
  user: string;
}): Promise<string> {
  const ca = await loaded(join(opts.pkiDir, 'ca.crt'), join(opts.pkiDir, 'ca.key'));
  const name = opts.user.replace(/[^a-z0-9-]/gi, '-');
  const user = await makeLeaf(opts.dir, name, ca, `/O=system:masters/CN=${opts.user}`, 'client');
  const file = join(opts.dir, `${name}.kubeconfig`);
  await writeFile(
    file,
    buildKubeconfig({ server: opts.server, caPem: ca.certPem, user, userName: opts.user }),
    {
      mode: 0o600,
    },
  );
  return file;
}
