import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Ed25519PublicJwk } from '../../results-file/format.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { isoNow, type StoreContext } from '../context.js';
import { MIN_PASSPHRASE, openPrivateKey, sealPrivateKey } from '../key-seal.js';
import { refuse, refusal } from '../refusal.js';

/**
 * The congress key pair (Ed25519) that signs the results files, its private half sealed under the
 * head's passphrase (key-seal.ts). Made at the first certification, under the passphrase typed
 * then; every later certification needs the same passphrase. Never in a backup or an archive
 * (backup.ts): a database put back from a backup makes a new key at its next certification.
 */
export async function congressKey(ctx: StoreContext, trx: DB, congressId: string, actorId: string, passphrase: string): Promise<{ publicKey: Ed25519PublicJwk; privateKey: KeyObject }> {
  const row = await trx.selectFrom('signing_key').selectAll().where('congress_id', '=', congressId).executeTakeFirst();
  if (row) {
    const privateKey = await openPrivateKey(row.sealed, passphrase);
    if (!privateKey) {
      refuse(refusal('invalid', 'wrong_passphrase', 'cụm mật khẩu của khóa ký không đúng', 'the signing key passphrase is wrong', 'passphrase'));
    }
    return { publicKey: JSON.parse(row.public_jwk) as Ed25519PublicJwk, privateKey: privateKey! };
  }
  if ([...passphrase].length < MIN_PASSPHRASE) {
    refuse(
      refusal(
        'invalid',
        'passphrase_too_short',
        `lần xác nhận đầu tiên đặt cụm mật khẩu cho khóa ký: ít nhất ${MIN_PASSPHRASE} ký tự, Trưởng ban giữ riêng`,
        `the first certification sets the signing key passphrase: at least ${MIN_PASSPHRASE} characters, kept by the head alone`,
        'passphrase',
      ),
    );
  }
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const publicKey: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string };
  const at = isoNow(ctx);
  await trx.insertInto('signing_key').values({ congress_id: congressId, public_jwk: JSON.stringify(publicKey), sealed: await sealPrivateKey(pair.privateKey, passphrase), created_at: at }).execute();
  await appendAudit(trx, { at, actor: actorId, action: 'congress.key', entity: 'congress', entityId: congressId, after: { publicKey } });
  return { publicKey, privateKey: pair.privateKey };
}
