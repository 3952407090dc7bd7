import { generateKeyPairSync } from 'node:crypto';
import type { Ed25519PublicJwk } from '../../results-file/format.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { isoNow, type StoreContext } from '../context.js';

/**
 * The congress key pair (Ed25519) that signs the results files. Made with the congress; a database
 * created before certification existed gets its key at its first certification. Never replaced
 * (a trigger refuses): every file it signed names it.
 */
export async function congressKey(ctx: StoreContext, trx: DB, congressId: string, actorId: string): Promise<{ publicKey: Ed25519PublicJwk; privatePem: string }> {
  const row = await trx.selectFrom('congress_key').selectAll().where('congress_id', '=', congressId).executeTakeFirst();
  if (row) return { publicKey: JSON.parse(row.public_jwk) as Ed25519PublicJwk, privatePem: row.private_pem };
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const publicKey: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string };
  const privatePem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const at = isoNow(ctx);
  await trx.insertInto('congress_key').values({ congress_id: congressId, public_jwk: JSON.stringify(publicKey), private_pem: privatePem, created_at: at }).execute();
  await appendAudit(trx, { at, actor: actorId, action: 'congress.key', entity: 'congress', entityId: congressId, after: { publicKey } });
  return { publicKey, privatePem };
}

