import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '../..');

export interface ManifestDocument {
  /** "deploy/kubernetes/…yaml#2" */
  where: string;
  apiVersion: string;
  kind: string;
  body: Record<string, unknown>;
}

/** Every document of every .yaml under `dir`, parsed as Kubernetes does (YAML 1.1). */
export function readManifests(dir: string): ManifestDocument[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
    .sort();
  return files.flatMap((file) => {
    const path = join(dir, file);
    const name = relative(ROOT, path);
    return parseAllDocuments(readFileSync(path, 'utf8'), { version: '1.1', uniqueKeys: true }).map((doc, index) => {
      const problems = [...doc.errors, ...doc.warnings];
      if (problems.length > 0) throw new Error(`${name}#${index + 1}: ${problems.map((p) => p.message).join('; ')}`);
      const body = doc.toJS() as Record<string, unknown>;
      return { where: `${name}#${index + 1}`, apiVersion: String(body.apiVersion), kind: String(body.kind), body };
    });
  });
}

/** kubernetes-models module of a kind: "apps/v1" + "Deployment" → kubernetes-models/apps/v1/Deployment. */
function modelModule(apiVersion: string, kind: string): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/**
 * Checks each document against the Kubernetes OpenAPI schema of its kind, in two passes over the
 * models kubernetes-models generated from it:
 * - `validate()`: required fields, types, enums and formats (its JSON schemas);
 * - the TypeScript interfaces, with excess-property checking: the JSON schemas allow unknown
 *   fields, so a misspelled one (`imagePullPolcy`) is only caught here.
 * Returns one line per problem, naming the file and document.
 */
export function checkManifests(docs: ManifestDocument[]): string[] {
  const problems: string[] = [];
  const known: ManifestDocument[] = [];
  for (const doc of docs) {
    let Model: new (data: unknown) => { validate(): void };
    try {
      Model = require(modelModule(doc.apiVersion, doc.kind))[doc.kind];
    } catch {
      problems.push(`${doc.where}: unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    known.push(doc);
    try {
      new Model(doc.body).validate();
    } catch (error) {
      problems.push(`${doc.where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems.concat(typeCheck(known));
}

function typeCheck(docs: ManifestDocument[]): string[] {
  if (docs.length === 0) return [];
  const file = join(ROOT, 'test', '__kubernetes_manifests__.ts');
  const lines = docs.map((doc, i) => `import { I${doc.kind} as T${i} } from '${modelModule(doc.apiVersion, doc.kind)}';`);
  // The first source line of each document's declaration, to name the document in a diagnostic.
  const starts: number[] = [];
  let lineCount = lines.length;
  docs.forEach((doc, i) => {
    const declaration = `export const doc${i}: T${i} = ${JSON.stringify(doc.body, null, 1)};`;
    starts.push(lineCount);
    lineCount += declaration.split('\n').length;
    lines.push(declaration);
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    resolve(name) === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || resolve(diagnostic.file.fileName) !== file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const docIndex = starts.filter((start) => start <= line).length - 1;
    return `${docIndex >= 0 ? docs[docIndex].where : `line ${line + 1}`}: ${message}`;
  });
}
