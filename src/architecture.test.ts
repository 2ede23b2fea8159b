import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/**
 * The folder graph of src/: one node per entry of src/ (a domain or infrastructure folder, or a
 * top-level file such as plenum.ts), an edge wherever a file imports another node's file (type
 * imports included). Test code is left out: *.test.ts, src/testing/ and the domains' testing
 * helpers (testing.ts, testing/), which start a whole Plenum.
 */

const src = path.resolve(import.meta.dirname);

/** Folders every domain may use and that use no domain. */
const infrastructure = ['shared', 'store', 'http', 'media', 'cluster', 'config.ts', 'errors.ts'];

const isTestCode = (file: string) =>
  file.endsWith('.test.ts') || path.basename(file) === 'testing.ts' || file.split(path.sep).includes('testing');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !isTestCode(path.relative(src, full)) ? [full] : [];
  });
}

/** The src/ entry a file belongs to: its top folder, or the file itself at the top. */
const nodeOf = (file: string) => (path.relative(src, file).split(path.sep)[0] ?? '').replace(/\.js$/, '.ts');

/** Relative module specifiers of a file: imports, re-exports and dynamic imports, type-only ones included. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) found.push(argument.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((specifier) => specifier.startsWith('.'));
}

/** node → the nodes it imports, each with one file import that makes the edge (for the message). */
export function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(src)) {
    const from = nodeOf(file);
    for (const specifier of importsOf(file)) {
      const to = nodeOf(path.resolve(path.dirname(file), specifier));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${path.relative(src, file)} imports ${specifier}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** One cycle through the graph, as the list of nodes, or undefined (depth-first search). */
function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const at = path.indexOf(node);
    if (at >= 0) return [...path.slice(at), node];
    if (done.has(node)) return undefined;
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(node);
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('folder graph of src/', () => {
  const graph = folderGraph();

  it('has no import cycle between folders', () => {
    const cycle = findCycle(graph);
    const explained = cycle?.slice(1).map((to, i) => `  ${cycle[i]} → ${to}: ${graph.get(cycle[i] ?? '')?.get(to)}`);
    assert.equal(cycle, undefined, `import cycle ${cycle?.join(' → ')}\n${explained?.join('\n')}`);
  });

  it('keeps infrastructure (shared, store, http, media, cluster) free of domains', () => {
    const wrong = infrastructure.flatMap((node) =>
      [...(graph.get(node) ?? new Map<string, string>())].filter(([to]) => !infrastructure.includes(to)).map(([, why]) => why),
    );
    assert.deepEqual(wrong, []);
  });

  it('sees the domains and their imports (the parser found the graph)', () => {
    for (const domain of ['accounts', 'events', 'rooms', 'chat', 'polls', 'privacy']) assert.ok(graph.has(domain), domain);
    assert.ok(graph.get('plenum.ts')?.has('polls'));
  });
});
