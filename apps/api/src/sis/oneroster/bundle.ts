import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { CsvSource } from './csv.js';

/**
 * A OneRoster bundle as exported: a zip (read with `yauzl`, nothing is extracted) or a folder.
 * Its files are at the top, or in the one folder that holds `manifest.csv` (zipping a folder
 * puts everything under its name). File names are matched in any case.
 */
export interface Bundle {
  kind: 'zip' | 'folder';
  path: string;
  /** CSV files by lower-case name (`users.csv`). */
  files: Map<string, CsvSource>;
  close(): void;
}

/** Thrown when the path cannot be read as a bundle at all. */
export class BundleRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

const MANIFEST = 'manifest.csv';
const ignored = (name: string) => name.startsWith('.') || name.startsWith('__MACOSX/') || name.includes('/.');

export async function openBundle(target: string): Promise<Bundle> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new BundleRefused([`${target}: no such file or folder`]);
  return info.isDirectory() ? openFolder(target) : openZip(target);
}

async function openFolder(folder: string): Promise<Bundle> {
  let root = folder;
  let entries = await readdir(root, { withFileTypes: true });
  if (!entries.some((e) => e.isFile() && e.name.toLowerCase() === MANIFEST)) {
    const dirs = entries.filter((e) => e.isDirectory() && !ignored(e.name));
    if (dirs.length === 1 && dirs[0]) {
      const inner = path.join(root, dirs[0].name);
      const innerEntries = await readdir(inner, { withFileTypes: true });
      if (innerEntries.some((e) => e.isFile() && e.name.toLowerCase() === MANIFEST)) {
        root = inner;
        entries = innerEntries;
      }
    }
  }
  const files = new Map<string, CsvSource>();
  for (const entry of entries) {
    if (!entry.isFile() || ignored(entry.name) || !entry.name.toLowerCase().endsWith('.csv')) continue;
    const full = path.join(root, entry.name);
    const { size } = await stat(full);
    files.set(entry.name.toLowerCase(), {
      name: entry.name,
      size,
      open: async () => createReadStream(full),
    });
  }
  return { kind: 'folder', path: folder, files, close() {} };
}

async function openZip(file: string): Promise<Bundle> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw new BundleRefused([`${file} is neither a folder nor a readable zip file (${(error as Error).message})`]);
  }
  try {
    const entries: yauzl.Entry[] = [];
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.endsWith('/') && !ignored(entry.fileName)) entries.push(entry);
    }
    const manifests = entries.filter((e) => path.posix.basename(e.fileName).toLowerCase() === MANIFEST);
    // The manifest at the top wins; else the one folder that holds one.
    const top = manifests.find((e) => !e.fileName.includes('/'));
    if (!top && manifests.length > 1) {
      throw new BundleRefused([
        `${file} holds ${manifests.length} manifest.csv files (${manifests.map((m) => m.fileName).join(', ')}); a bundle has one`,
      ]);
    }
    const dir = top ? '' : manifests[0] ? path.posix.dirname(manifests[0].fileName) : '';
    const files = new Map<string, CsvSource>();
    for (const entry of entries) {
      const entryDir = entry.fileName.includes('/') ? path.posix.dirname(entry.fileName) : '';
      const name = path.posix.basename(entry.fileName);
      if (entryDir !== dir || !name.toLowerCase().endsWith('.csv')) continue;
      if (entry.isEncrypted()) throw new BundleRefused([`${entry.fileName} in ${file} is encrypted; export the bundle without a password`]);
      files.set(name.toLowerCase(), {
        name,
        size: entry.uncompressedSize,
        open: (): Promise<Readable> => zip.openReadStreamPromise(entry),
      });
    }
    return { kind: 'zip', path: file, files, close: () => zip.close() };
  } catch (error) {
    zip.close();
    if (error instanceof BundleRefused) throw error;
    throw new BundleRefused([`${file} cannot be read as a zip file (${(error as Error).message})`]);
  }
}
