/**
 * Declarations written in terms of a package, rewritten in plain TypeScript so the published
 * declarations import nothing (no package is installed with @verity/client). The case that
 * matters is zod: the receipt types are `z.output<typeof ZReceipt>` (one definition,
 * lib/ledger/receipt.schema.ts), which tsc emits as written. The compiler knows what they are;
 * its checker prints them expanded (`typeToTypeNode`, no truncation), as a consumer would see
 * them on hover.
 *
 * - `type X = <anything naming a package>` → `type X = <the type, expanded>`;
 * - `const X: <a package's type>` with a `parse` method (a zod schema) → a structural subset of it,
 *   `{ parse(data: unknown): T; safeParse(data: unknown): … }`, T expanded: enough to validate with,
 *   and honest (the zod object it is has those two methods with those types);
 * - in an interface, class or function, each type naming a package (`z.infer<typeof X>`) → that
 *   type expanded, found by its text in the original module; one that cannot be expanded without
 *   naming the package (`f(schema: z.ZodType)`) is a problem: say so rather than publish a type
 *   that does not resolve.
 *
 * @module
 */
import ts from 'typescript';

export interface ExpandPackageTypesOptions {
  /** The emitted declarations of `source`. */
  text: string;
  source: ts.SourceFile;
  checker: ts.TypeChecker;
  program: ts.Program;
}

const FLAGS =
  ts.NodeBuilderFlags.NoTruncation |
  ts.NodeBuilderFlags.InTypeAlias |
  ts.NodeBuilderFlags.MultilineObjectLiterals |
  ts.NodeBuilderFlags.IgnoreErrors;

const isPackage = (specifier: string) =>
  !specifier.startsWith('.') && !specifier.startsWith('@/') && !specifier.startsWith('node:');

/** The declarations with every use of a package expanded; `problems` for what cannot be. */
export function expandPackageTypes(options: ExpandPackageTypesOptions): { text: string; problems: string[] } {
  const { source, checker } = options;
  const dts = ts.createSourceFile('out.d.ts', options.text, ts.ScriptTarget.Latest, true);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const names = new Set<string>(); // local names bound to a package's exports
  const edits: { start: number; end: number; text: string }[] = [];
  const problems: string[] = [];

  for (const statement of dts.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!isPackage(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause?.name) names.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
    edits.push({ start: statement.getFullStart(), end: statement.getEnd(), text: '' });
  }

  const print = (type: ts.Type, at: ts.Node) => {
    const node = checker.typeToTypeNode(type, at, FLAGS);
    const text = node ? printer.printNode(ts.EmitHint.Unspecified, node, dts) : 'unknown';
    // Printed from the original module's scope, the checker may name the type through the package
    // again (`z.ZodType<…>`): not expandable, then.
    if (!node || /\bimport\(/.test(text) || namesPackage(node, names)) return undefined;
    return text;
  };

  for (const statement of dts.statements) {
    if (ts.isImportDeclaration(statement) || !namesPackage(statement, names)) continue;
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    const exported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ? 'export ' : '';
    const replace = (text: string) => edits.push({ start: statement.getStart(dts), end: statement.getEnd(), text });
    if (ts.isTypeAliasDeclaration(statement) && !statement.typeParameters) {
      const name = statement.name.text;
      const original = findDeclaration(source, name, ts.isTypeAliasDeclaration);
      const expanded = original && print(checker.getTypeAtLocation(original.name), original);
      if (expanded) replace(`${exported}type ${name} = ${expanded};`);
      else problems.push(`type ${name} could not be expanded without naming a package`);
    } else if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
      const declaration = statement.declarationList.declarations[0] as ts.VariableDeclaration;
      const name = declaration.name.getText(dts);
      const original = findDeclaration(source, name, ts.isVariableDeclaration);
      const output = original && parsedType(checker, checker.getTypeAtLocation(original.name), original);
      const expanded = output && print(output, original);
      if (expanded) replace(`${exported}declare const ${name}: ${SCHEMA}<${expanded}>;`);
      else problems.push(`const ${name} has a package's type that is not a schema (no parse method)`);
    } else {
      // An interface, class or function: each type written in terms of a package is the same text
      // in the original module (tsc keeps written annotations), where the checker knows its type.
      for (const typeNode of packageTypes(statement, names)) {
        const original = writtenTypes(source).get(normalise(typeNode.getText(dts)));
        const expanded = original && print(checker.getTypeFromTypeNode(original), original);
        if (expanded) edits.push({ start: typeNode.getStart(dts), end: typeNode.getEnd(), text: expanded });
        else problems.push(`"${statement.getText(dts).split('\n')[0]}" is written in terms of a package`);
      }
    }
  }

  let text = options.text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  if (edits.some((e) => e.text.includes(`: ${SCHEMA}<`))) text += SCHEMA_DECLARATION;
  return { text, problems };
}

/** What a zod-like schema's `parse` returns (its output type), or undefined when it has none. */
function parsedType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): ts.Type | undefined {
  const parse = type.getProperty('parse');
  if (!parse) return undefined;
  const signature = checker.getTypeOfSymbolAtLocation(parse, at).getCallSignatures()[0];
  return signature ? checker.getReturnTypeOfSignature(signature) : undefined;
}

/** The structural subset of a zod schema the declarations promise, declared once in each file that needs it. */
const SCHEMA = 'VeritySchema';
const SCHEMA_DECLARATION = `
/** What the package's schemas (zod) promise: parse, or safeParse without throwing. */
interface ${SCHEMA}<T> {
  parse(data: unknown): T;
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: Error };
}
`;

/** The outermost type nodes of `statement` that name a package. */
function packageTypes(statement: ts.Node, names: Set<string>): ts.TypeNode[] {
  const found: ts.TypeNode[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTypeNode(node) && namesPackage(node, names)) found.push(node);
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(statement, visit);
  return found;
}

const written = new WeakMap<ts.SourceFile, Map<string, ts.TypeNode>>();

/** Every type node written in `source`, by its normalised text (the first of each). */
function writtenTypes(source: ts.SourceFile): Map<string, ts.TypeNode> {
  let types = written.get(source);
  if (!types) {
    const found = new Map<string, ts.TypeNode>();
    const visit = (node: ts.Node) => {
      if (ts.isTypeNode(node)) {
        const key = normalise(node.getText(source));
        if (!found.has(key)) found.set(key, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    types = found;
    written.set(source, types);
  }
  return types;
}

/** Type text without what tsc's printing changes: spacing, and `,` or `;` between members. */
function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/[,;]/g, ';').replace(/;}/g, '}');
}

/** Whether `statement` mentions one of `names` or a package through `import("…")`. */
function namesPackage(statement: ts.Node, names: Set<string>): boolean {
  let found = false;
  const visit = (node: ts.Node) => {
    if (found) return;
    if (ts.isIdentifier(node) && names.has(node.text)) found = true;
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal) && isPackage(literal.text)) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return found;
}

/** The top-level declaration named `name` of the original module. */
function findDeclaration<T extends ts.Node & { name: ts.Node }>(
  source: ts.SourceFile,
  name: string,
  is: (node: ts.Node) => node is T,
): T | undefined {
  for (const statement of source.statements) {
    const candidates = ts.isVariableStatement(statement) ? statement.declarationList.declarations : [statement];
    for (const candidate of candidates) {
      if (is(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === name) return candidate;
    }
  }
  return undefined;
}
