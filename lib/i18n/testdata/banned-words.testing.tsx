// A fixture for glossary.test.ts: banned words in strings and JSX text are found, in comments (证据链) not.
export const a = '正常的文字';
/* 账本 in a block comment is not shown to anyone */
export const b = '已封存';
export const c = `案号 (2026)京0491民初1234号，共 ${1} 条`;
export function D() {
  // 叶子 here is a comment too
  return <p>证据链</p>;
}
