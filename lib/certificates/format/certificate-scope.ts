/**
 * What a certificate proves and what it does not, in both languages, by verdict: the scope
 * statement every certificate carries (and the PDF prints). The wording follows the Online
 * Litigation Rules of the People's Courts (人民法院在线诉讼规则), art. 16–18: a digest that equals
 * a deposit's shows the file unchanged since the deposit, and no more. Pure.
 *
 * @module
 */
import type { CertificateBody } from './certificate-body';

type Scope = CertificateBody['scope'];

const BY_VERDICT: Record<'consistent' | 'tampered' | 'not_found', Scope> = {
  consistent: {
    zh:
      '本证书证明：该证据文件的摘要与存证链上所指存证记录所载摘要一致，其收录证明已对照存证链签名状态校验通过；' +
      '据此，可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外（《人民法院在线诉讼规则》第十六条）。' +
      '本证书不证明该文件存证前的真实性、存证平台的可靠性或存证人的身份（第十七条、第十八条），上述事项由人民法院审查认定。',
    en:
      "This certificate attests that the exhibit's digests equal those of the named deposit on the evidence ledger, " +
      "whose proof checks against the ledger's signed state: the data may be found unaltered since it was recorded, " +
      'unless there is evidence to the contrary sufficient to overturn that (Online Litigation Rules, art. 16). It ' +
      "does not prove the file authentic before deposit, the platform reliable or the depositor's identity " +
      '(arts. 17–18): those are for the court to examine.',
  },
  tampered: {
    zh:
      '本证书证明：该证据文件的摘要与其所指明的存证记录所载摘要不一致，即该文件不是存证时的文件——它在存证后被修改，或是另一个文件。' +
      '本证书不说明修改的内容或时间。',
    en:
      "This certificate attests that the exhibit's digests differ from those recorded by the deposit it names: the " +
      'file is not the file that was deposited — it was changed after the deposit, or it is a different file. It does ' +
      'not say what was changed or when.',
  },
  not_found: {
    zh:
      '本证书证明：截至核验时间，存证链上没有记载该文件摘要的存证记录（该文件从未存证，或与已存证的文件哪怕只相差一个字节）。' +
      '本证书不证明该文件真实，也不证明其不真实。',
    en:
      "This certificate attests that, at the verification time, no deposit on the evidence ledger recorded the exhibit's " +
      'digests (the file was never deposited, or it differs from a deposited file by as little as one byte). It proves nothing about whether ' +
      'the file is authentic.',
  },
};

const HASH_ONLY: Scope = {
  zh: '该证据为仅摘要证据：摘要由提交方计算，法院未保存原件；本证书仅对摘要与之相同的文件成立，原件应当庭出示。',
  en:
    'This is a hash-only exhibit: its digests were computed by the submitting party and the court holds no copy of ' +
    'the file; the certificate holds only for a file with these digests, and the original is to be presented in court.',
};

const OFFLINE: Scope = {
  zh: '任何人均可使用法院证书公钥和存证链公钥离线核对本证书。',
  en: "Anyone can check this certificate offline with the court's certificate key and the evidence ledger's key.",
};

/** The scope statement of a certificate with `verdict` about an exhibit of `kind`. */
export function certificateScope(
  verdict: 'consistent' | 'tampered' | 'not_found',
  kind: CertificateBody['exhibit']['kind'],
): Scope {
  const parts = [BY_VERDICT[verdict], ...(kind === 'hash_only' ? [HASH_ONLY] : []), OFFLINE];
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') };
}
