/**
 * One module's emitted declarations made to stand where they are published: each import of
 * another module of the checkout (`@/lib/…`, `./x`) becomes a relative `.js` specifier between
 * their places under dist/types/ (an installed ES module's declarations need the extension under
 * `node16`/`nodenext`, and `bundler` accepts it), Node's own modules are noted (allowed only from
 * the Node entry), and any other package is a problem: none is installed with this one.
 *
 * @module
 */
import path from 'node:path';
import ts from 'typescript';
import { isNodeBuiltin } from './check-bundle';

export interface RewriteSpecifiersOptions {
  /** The emitted declarations of `source`. */
  text: string;
  source: ts.SourceFile;
  compilerOptions: ts.CompilerOptions;
  root: string;
}

export interface RewrittenDeclarations {
  text: string;
  /** Source files of the checkout these declarations import. */
  dependencies: string[];
  /** Whether they use Node's types (`node:` modules, `/// <reference types="node" />`). */
  usesNode: boolean;
  problems: string[];
}

/** Rewrites every module specifier of `text`; never throws for a bad one (it is a problem). */
export function rewriteSpecifiers(options: RewriteSpecifiersOptions): RewrittenDeclarations {
  const { source, root } = options;
  const dts = ts.createSourceFile('out.d.ts', options.text, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const dependencies: string[] = [];
  const problems: string[] = [];
  let usesNode = false;

  const rewrite = (literal: ts.StringLiteralLike) => {
    const specifier = literal.text;
    if (isNodeBuiltin(specifier)) {
      usesNode = true;
      return;
    }
    const resolved = ts.resolveModuleName(specifier, source.fileName, options.compilerOptions, ts.sys).resolvedModule;
    const target = resolved?.resolvedFileName;
    const local =
      target && !resolved.isExternalLibraryImport && !target.endsWith('.d.ts') && /\.tsx?$/.test(target)
        ? path.resolve(target)
        : undefined;
    if (!local?.startsWith(`${path.resolve(root)}${path.sep}`)) {
      problems.push(`imports the package ${specifier}, which is not installed with this one`);
      return;
    }
    dependencies.push(local);
    let relative = path.relative(path.dirname(source.fileName), local).split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = `./${relative}`;
    edits.push({
      start: literal.getStart(dts) + 1,
      end: literal.getEnd() - 1,
      text: relative.replace(/\.tsx?$/, '.js'),
    });
  };

  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteralLike(node.moduleSpecifier)) rewrite(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node)) {
      const literal = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      if (literal && ts.isStringLiteralLike(literal)) rewrite(literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(dts);
  for (const reference of dts.typeReferenceDirectives) {
    if (reference.fileName === 'node') usesNode = true;
    else problems.push(`references the types of the package ${reference.fileName}`);
  }

  let text = options.text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return { text, dependencies, usesNode, problems };
}
