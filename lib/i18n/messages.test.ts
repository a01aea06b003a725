/** Both languages carry every message, none empty, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import zh from '../../messages/zh-CN.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

// Top-level ICU arguments ({name}, {count, plural, …}), not the words inside plural branches.
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === '{') {
      if (depth === 0) names.add(/^\{\s*(\w+)/.exec(message.slice(i))?.[1] ?? '');
      depth++;
    } else if (message[i] === '}') depth--;
  }
  return [...names].sort();
}

describe('messages', () => {
  const english = flatten(en as Tree);
  const chinese = flatten(zh as Tree);

  it('have the same keys in both languages', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('are never empty', () => {
    for (const [key, value] of [...english, ...chinese]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of english) expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('are really translated (Chinese text contains Chinese characters)', () => {
    const untranslated = [...chinese].filter(([, v]) => !/[\u4e00-\u9fff]/.test(v) && !/^[\w\s.]+$/.test(v));
    expect(untranslated).toEqual([]);
  });
});
