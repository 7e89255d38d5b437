// Inspects the tarball `npm pack` made, as a consumer would get it:
//   node scripts/check-pack.mjs <tarball> <expected version>
// The version must be the product's (the Maven project version), every path in "exports" and
// "types" must be in the tarball, the entry must import, and nothing but the package's own files
// (no tests, scripts, node_modules or lock file) may ship.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const [tarball, expectedVersion] = process.argv.slice(2);
if (!tarball || !expectedVersion) {
  console.error('usage: node scripts/check-pack.mjs <tarball> <expected version>');
  process.exit(2);
}

// The entries of a (ustar) tar archive: name → content.
function untar(archive) {
  const entries = new Map();
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    offset += 512;
    if (type === '0' || type === '') entries.set(name, archive.subarray(offset, offset + size));
    offset += Math.ceil(size / 512) * 512;
  }
  return entries;
}

const problems = [];
const entries = untar(gunzipSync(readFileSync(tarball)));
const files = [...entries.keys()].map((name) => name.replace(/^package\//, '')).sort();
const manifest = JSON.parse(entries.get('package/package.json').toString('utf8'));

if (manifest.name !== '@qrlogin/widget') problems.push(`name is ${manifest.name}, not @qrlogin/widget`);
if (manifest.version !== expectedVersion) {
  problems.push(`version is ${manifest.version}, the product's is ${expectedVersion}: `
      + `run "npm version ${expectedVersion} --no-git-tag-version" in widget/`);
}
if (manifest.type !== 'module') problems.push('the package is not ESM ("type": "module")');

// Every target of "exports" (at any depth), "types" and "main" ships.
const targets = [];
(function collect(value) {
  if (typeof value === 'string') targets.push(value);
  else if (value && typeof value === 'object') Object.values(value).forEach(collect);
})(manifest.exports);
if (!manifest.exports || !manifest.exports['.']) problems.push('no "exports" entry for "."');
for (const target of [...targets, manifest.types, manifest.main]) {
  if (!target) continue;
  const path = posix.normalize(target);
  if (!files.includes(path)) problems.push(`${target} is referenced by package.json but not in the tarball`);
}
const types = manifest.exports?.['.']?.types;
if (!types || !types.endsWith('.d.ts')) problems.push('exports["."] has no "types" condition with a .d.ts');
if (manifest.types !== types) problems.push(`"types" (${manifest.types}) differs from exports["."].types (${types})`);

const allowed = new Set(['package.json', 'README.md', 'LICENSE', 'src/qrlogin.js', 'src/qrlogin.d.ts']);
for (const file of files) {
  if (!allowed.has(file)) problems.push(`${file} should not ship`);
}
for (const file of ['README.md', 'LICENSE', 'src/qrlogin.js', 'src/qrlogin.d.ts']) {
  if (!files.includes(file)) problems.push(`${file} is missing`);
}

// The declarations name everything the module exports.
const declarations = entries.get(`package/${posix.normalize(types || 'missing')}`)?.toString('utf8') || '';

// Unpacked as installed, the entry imports (outside a browser too) and exports what is declared.
const root = mkdtempSync(join(tmpdir(), 'qrlogin-widget-pack-'));
try {
  for (const [name, content] of entries) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  const entry = manifest.exports?.['.']?.import;
  const module = await import(pathToFileURL(join(root, 'package', entry || 'missing')).href);
  for (const name of Object.keys(module)) {
    const declared = name === 'default' ? /export default /.test(declarations)
      : new RegExp(`export declare (const|function|class) ${name}\\b`).test(declarations);
    if (!declared) problems.push(`the export ${name} has no declaration in ${types}`);
  }
  if (typeof module.QrLogin?.mount !== 'function') problems.push('the entry does not export QrLogin.mount');
} catch (error) {
  problems.push(`the entry does not import: ${error.message}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`${tarball}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${tarball}: ${manifest.name}@${manifest.version}, ${files.length} files: ${files.join(', ')}`);
