/**
 * Example: a signed deposit. The depositor signs each statement with its own key (Ed25519 here;
 * SM2 the same way), so the ledger records who vouched for the digest, not only whose API key
 * sent it. Register the public key in the portal first (the operator's 存证单位 page); a
 * statement signed by an unregistered key is refused (HTTP 422 KEY_NOT_REGISTERED).
 *
 *   VERITY_URL=… VERITY_API_KEY=vrt_… VERITY_SIGN_KEY=<64 hex: the Ed25519 private key> \
 *     npx tsx sign-and-deposit.ts contract.pdf
 */
import { hashFile, hexToBytes, signDepositRequest, VerityClient } from '@verity/client/node';

const file = process.argv[2] ?? '';
const key = { algorithm: 'ed25519' as const, privateKey: hexToBytes(process.env.VERITY_SIGN_KEY ?? '') };

const { digests } = await hashFile(file, { algorithms: ['sha256', 'sm3'] });
const statement = signDepositRequest({ digests, title: file }, key);
const client = new VerityClient({ url: process.env.VERITY_URL ?? '', apiKey: process.env.VERITY_API_KEY });
const receipt = await client.deposit(statement);
// The key to register, as the portal shows it: base64 of the public key (depositorPublicKey(key) as bytes).
console.log(`deposit ${receipt.id}, signed by ${statement.signature?.publicKey}`);
