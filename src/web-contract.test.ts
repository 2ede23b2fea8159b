import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/**
 * The browser reads the server only through the shared contract: HTTP answers with the route's
 * response schema (src/shared/api/, web/src/api/client.ts `http`), room messages with the
 * protocol (src/shared/protocol/, web/src/features/room/signaling.ts). A cast or a type argument
 * would put a hand-written shape back in place of the schema, and nothing would notice when the
 * server changes; these checks fail instead.
 */

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'web/src');

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesIn(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

interface Parsed {
  file: string;
  source: ts.SourceFile;
}

const parse = (file: string): Parsed => ({
  file: path.relative(root, file),
  source: ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  ),
});

const webFiles = filesIn(web, /\.tsx?$/).map(parse);

function nodesOf(source: ts.SourceFile, match: (node: ts.Node) => boolean): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    if (match(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `x as T` or `<T>x`, but not `as const`. */
const isCast = (node: ts.Node): node is ts.AsExpression | ts.TypeAssertion =>
  (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) &&
  !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const');

const where = ({ file, source }: Parsed, node: ts.Node) =>
  `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 100)}`;

const callsTo = (source: ts.SourceFile, name: string) =>
  nodesOf(
    source,
    (node) => ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === name,
  );

/** The modules that talk to the server, and every module that reads room pushes. */
const isContractModule = ({ file, source }: Parsed) =>
  /^web\/src\/api\//.test(file) ||
  /^web\/src\/features\/[^/]+\/api\.ts$/.test(file) ||
  ['web/src/features/room/signaling.ts', 'web/src/features/room/roomClient.ts'].includes(file) ||
  callsTo(source, 'listen').length > 0;

describe('browser–server contract in web/src', () => {
  it('finds the modules it guards (the features’ api.ts, the room client, the push readers)', () => {
    const guarded = webFiles.filter(isContractModule).map(({ file }) => file);
    for (const file of ['web/src/api/client.ts', 'web/src/features/events/api.ts', 'web/src/features/room/roomClient.ts']) {
      assert.ok(guarded.includes(file), file);
    }
    assert.ok(guarded.filter((file) => file.endsWith('/api.ts')).length >= 18, guarded.join('\n'));
    assert.ok(
      guarded.some((file) => /chat/.test(file)),
      'a chat module reads pushes',
    );
  });

  it('has no cast in the modules that talk to the server or read room pushes', () => {
    const casts = webFiles.filter(isContractModule).flatMap((parsed) => nodesOf(parsed.source, isCast).map((node) => where(parsed, node)));
    assert.deepEqual(casts, []);
  });

  it('casts no answer anywhere: no `as` on an awaited value, JSON.parse or .json()', () => {
    const isAnswer = (node: ts.Expression): boolean => {
      if (ts.isParenthesizedExpression(node)) return isAnswer(node.expression);
      if (ts.isAwaitExpression(node)) return true;
      return ts.isCallExpression(node) && /^(JSON\.parse|.*\.json)$/.test(node.expression.getText());
    };
    const casts = webFiles.flatMap((parsed) =>
      nodesOf(parsed.source, isCast)
        .filter(isCast)
        .filter((node) => isAnswer(node.expression))
        .map((node) => where(parsed, node)),
    );
    assert.deepEqual(casts, []);
  });

  it('gives no type argument to an HTTP or room call: the schema types the answer', () => {
    const typed = webFiles.flatMap((parsed) =>
      nodesOf(parsed.source, (node) => {
        if (!ts.isCallExpression(node) || !node.typeArguments) return false;
        const callee = node.expression;
        if (ts.isIdentifier(callee)) return callee.text === 'request';
        return (
          ts.isPropertyAccessExpression(callee) &&
          (['http', 'api'].includes(callee.expression.getText()) || ['request', 'listen'].includes(callee.name.text))
        );
      }).map((node) => where(parsed, node)),
    );
    assert.deepEqual(typed, []);
  });

  it('reads HTTP only through api/client.ts and the room only through room/signaling.ts', () => {
    const raw = webFiles.flatMap((parsed) =>
      [
        ...(parsed.file === 'web/src/api/client.ts'
          ? []
          : nodesOf(
              parsed.source,
              (node) => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'fetch',
            )),
        ...(parsed.file === 'web/src/features/room/signaling.ts'
          ? []
          : nodesOf(parsed.source, (node) => ts.isNewExpression(node) && node.expression.getText() === 'WebSocket')),
      ].map((node) => where(parsed, node)),
    );
    assert.deepEqual(raw, []);
  });

  it('keeps the shared contract to zod (web/tsconfig.json compiles it)', () => {
    const shared = [...filesIn(path.join(root, 'src/shared/api'), /\.ts$/), ...filesIn(path.join(root, 'src/shared/protocol'), /\.ts$/)]
      .filter((file) => !file.endsWith('.test.ts'))
      .map(parse);
    const foreign = shared.flatMap((parsed) =>
      parsed.source.statements
        .flatMap((statement) => (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? [statement.moduleSpecifier] : []))
        .filter((specifier) => specifier !== undefined && ts.isStringLiteral(specifier))
        .filter(({ text }) => text !== 'zod' && !(text.startsWith('./') || text.startsWith('../')))
        .map((specifier) => where(parsed, specifier)),
    );
    assert.deepEqual(foreign, []);
  });
});
