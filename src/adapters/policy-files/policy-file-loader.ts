/**
 * Reads policy documents from disk (txt, md, docx, pdf) and hands their text to the pure
 * ingestion in src/domain/policy.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ingestPolicyText } from '../../domain/policy/ingest.js';
import { docxPolicyText } from './docx-text.js';
import { pdfPolicyText } from './pdf-text.js';
import { PolicyIngestError, type PolicyDocument, type PolicyFormat } from '../../domain/policy/policy-types.js';

/** Why a policy file could not be loaded. */
export type PolicyFileProblem = 'missing' | 'unreadable' | 'empty' | 'unsupported';

/** A policy file that could not be loaded; the message names the file. */
export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: PolicyFileProblem,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'PolicyFileError';
  }
}

const FORMATS: Record<string, PolicyFormat> = { '.txt': 'txt', '.md': 'md', '.markdown': 'md', '.docx': 'docx', '.pdf': 'pdf' };

/** The format of a policy file from its extension, or undefined when not supported. */
export function policyFormatOf(file: string): PolicyFormat | undefined {
  return FORMATS[path.extname(file).toLowerCase()];
}

/** The text of a policy file, and whether it is markdown (heading styles of a .docx, heading sizes of a PDF). */
async function extractText(format: PolicyFormat, data: Buffer): Promise<{ text: string; markdown: boolean }> {
  if (format === 'docx') return { text: await docxPolicyText(data), markdown: true };
  if (format === 'pdf') return pdfPolicyText(new Uint8Array(data));
  return { text: data.toString('utf8').replace(/^\uFEFF/, ''), markdown: format === 'md' };
}

/**
 * Loads and ingests one policy file.
 * @throws PolicyFileError when the file is missing, unreadable, empty or of an unsupported type.
 */
export async function loadPolicyFile(file: string): Promise<PolicyDocument> {
  const format = policyFormatOf(file);
  if (!format) throw new PolicyFileError(file, 'unsupported', 'unsupported file type (use .txt, .md, .docx or .pdf)');
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PolicyFileError(file, 'missing', 'file not found');
    throw new PolicyFileError(file, 'unreadable', `cannot read file (${code ?? 'error'})`);
  }
  if (data.length === 0) throw new PolicyFileError(file, 'empty', 'file is empty');
  let text: string;
  let markdown: boolean;
  try {
    ({ text, markdown } = await extractText(format, data));
  } catch (err) {
    throw new PolicyFileError(file, 'unreadable', `cannot read ${format} content (${(err as Error).message})`);
  }
  if (!text.trim()) throw new PolicyFileError(file, 'empty', 'no text found in file');
  try {
    return ingestPolicyText(text, { name: path.basename(file), format }, { markdown });
  } catch (err) {
    if (err instanceof PolicyIngestError) throw new PolicyFileError(file, 'empty', 'no policy text found in file');
    throw err;
  }
}

/**
 * Loads every policy named: a file, a directory (its .txt/.md/.docx/.pdf files, sorted) or a list of either.
 * @throws PolicyFileError as {@link loadPolicyFile}, or when a directory holds no policy file.
 */
export async function loadPolicies(target: string | readonly string[]): Promise<PolicyDocument[]> {
  const targets = typeof target === 'string' ? [target] : target;
  const files: string[] = [];
  for (const t of targets) {
    let isDir = false;
    try {
      isDir = (await stat(t)).isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new PolicyFileError(t, 'missing', 'file or directory not found');
      throw new PolicyFileError(t, 'unreadable', `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (isDir) {
      const found = (await readdir(t)).filter((f) => policyFormatOf(f)).sort();
      if (found.length === 0) throw new PolicyFileError(t, 'empty', 'directory holds no .txt, .md, .docx or .pdf policy');
      files.push(...found.map((f) => path.join(t, f)));
    } else {
      files.push(t);
    }
  }
  const docs: PolicyDocument[] = [];
  for (const f of files) docs.push(await loadPolicyFile(f));
  return docs;
}
