/**
 * `content:push` and `content:pull`: moves content between `content/` and a Sanity dataset. Push
 * writes only what changed, under deterministic ids, so a second push changes nothing; pull
 * writes files in the canonical form, so a pull after a push leaves `git diff` empty.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { SanityClient } from '@sanity/client';
import { locales } from '../../i18n/locales.ts';
import { checkContent, formatProblems, type RawDocument } from '../check.ts';
import { readContentDir } from '../files.ts';
import { serializeDocument } from '../serialize.ts';
import { fromSanityDocument, placeOf, toSanityDocument, type SanityDocument } from './convert.ts';
import { sanityTypes, systemFields } from './mapping.ts';
import { contentDocumentsQuery } from './queries.ts';

export type Log = (line: string) => void;

export interface PushPlan {
  create: SanityDocument[];
  update: SanityDocument[];
  unchanged: SanityDocument[];
}

/** The document without what the Content Lake adds on its own (revision, timestamps). */
function withoutSystemFields(document: SanityDocument): Record<string, unknown> {
  const added = new Set<string>(systemFields.filter((field) => field !== '_id' && field !== '_type'));
  return Object.fromEntries(Object.entries(document).filter(([key]) => !added.has(key)));
}

/** Which documents a push would create, replace, or leave alone. Pure. */
export function planPush(local: readonly SanityDocument[], remote: readonly SanityDocument[]): PushPlan {
  const remoteById = new Map(remote.map((document) => [document._id, document]));
  const plan: PushPlan = { create: [], update: [], unchanged: [] };
  for (const document of local) {
    const existing = remoteById.get(document._id);
    if (!existing) plan.create.push(document);
    else if (isDeepStrictEqual(withoutSystemFields(existing), withoutSystemFields(document))) plan.unchanged.push(document);
    else plan.update.push(document);
  }
  return plan;
}

/**
 * The documents the translations plugin of the Studio uses to show which language versions of a
 * document exist: one per document, listing its versions.
 */
export function translationMetadata(documents: readonly SanityDocument[]): SanityDocument[] {
  const groups = new Map<string, SanityDocument[]>();
  for (const document of documents) {
    const key = `${document._type}.${String(document['translationKey'])}`;
    groups.set(key, [...(groups.get(key) ?? []), document]);
  }
  return [...groups.entries()].map(([key, versions]) => ({
    _id: `translation.metadata.${key}`,
    _type: 'translation.metadata',
    schemaTypes: [versions[0]?._type ?? ''],
    translations: versions.map((version) => ({
      _key: String(version['language']),
      _type: 'internationalizedArrayReferenceValue',
      value: { _type: 'reference', _ref: version._id, _weak: true },
    })),
  }));
}

/** The content of `content/` as Sanity documents; refuses content that does not pass the checks. */
export async function localSanityDocuments(contentDir: string): Promise<SanityDocument[]> {
  const raw = await readContentDir(contentDir);
  const { problems, documents } = checkContent(raw);
  if (problems.length > 0) throw new Error(`content/ has problems; correct them before pushing:\n${formatProblems(problems)}`);
  const rawByPath = new Map(raw.map((document) => [document.relativePath, document]));
  const content = documents.map((document) =>
    toSanityDocument({
      collection: document.collection,
      lang: document.lang,
      slug: document.slug,
      data: rawByPath.get(document.relativePath)?.data as Record<string, unknown>,
      body: document.body,
    }),
  );
  return [...content, ...translationMetadata(content)];
}

export async function push(options: { client: SanityClient; contentDir: string; dryRun: boolean; log: Log }): Promise<PushPlan> {
  const { client, contentDir, dryRun, log } = options;
  const local = await localSanityDocuments(contentDir);
  const remote = await client.fetch<SanityDocument[]>('*[_id in $ids]', { ids: local.map((document) => document._id) }, { perspective: 'raw' });
  const plan = planPush(local, remote);
  for (const document of plan.create) log(`${dryRun ? 'would create' : 'create'} ${document._id}`);
  for (const document of plan.update) log(`${dryRun ? 'would update' : 'update'} ${document._id}`);
  const changes = [...plan.create, ...plan.update];
  if (!dryRun && changes.length > 0) {
    const transaction = client.transaction();
    for (const document of changes) transaction.createOrReplace(document);
    await transaction.commit({ visibility: 'sync' });
  }
  log(
    `${dryRun ? 'dry run: ' : ''}${plan.create.length} to create, ${plan.update.length} to update, ${plan.unchanged.length} unchanged`,
  );
  return plan;
}

export interface PullResult {
  written: string[];
  unchanged: string[];
  /** Files in content/ that the dataset does not have (removed with `prune`). */
  notInDataset: string[];
}

export async function pull(options: { client: SanityClient; contentDir: string; prune: boolean; log: Log }): Promise<PullResult> {
  const { client, contentDir, prune, log } = options;
  // The result type is generated from the query and the Studio schema (sanity.types.ts).
  const remote = await client.fetch(
    contentDocumentsQuery,
    { types: sanityTypes, languages: [...locales] },
    { perspective: 'published' },
  );
  const raw = remote.map(fromSanityDocument).filter((document): document is RawDocument => document !== undefined);
  const { problems } = checkContent(raw);
  if (problems.length > 0) throw new Error(`The dataset has problems; correct them in the Studio before pulling:\n${formatProblems(problems)}`);
  const result: PullResult = { written: [], unchanged: [], notInDataset: [] };
  for (const document of raw) {
    const place = placeOf(document.relativePath);
    if (!place) continue;
    const file = path.join(contentDir, document.relativePath);
    const text = serializeDocument(place.collection, document.data, document.body);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === text) {
      result.unchanged.push(document.relativePath);
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    result.written.push(document.relativePath);
    log(`write ${document.relativePath}`);
  }
  const pulled = new Set(raw.map((document) => document.relativePath));
  for (const existing of await readContentDir(contentDir)) {
    if (pulled.has(existing.relativePath) || !placeOf(existing.relativePath)) continue;
    result.notInDataset.push(existing.relativePath);
    if (prune) {
      await rm(path.join(contentDir, existing.relativePath));
      log(`remove ${existing.relativePath}`);
    } else {
      log(`not in the dataset (kept; use --prune to remove): ${existing.relativePath}`);
    }
  }
  log(`${result.written.length} written, ${result.unchanged.length} unchanged`);
  return result;
}

