/**
 * The Studio's schema and the site's schema describe the same documents: the same fields, of the
 * same types, required in both or optional in both. Reads the Studio's extracted schema
 * (`npm run studio:types` writes studio/schema.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collections, type CollectionName } from '../schema.ts';
import { sanityTypeOf } from './mapping.ts';
import { differences, sanityDocumentShape, zodField, type ExtractedSchema, type Field, type Shape } from './shape.ts';

const extracted = JSON.parse(readFileSync(path.resolve('studio/schema.json'), 'utf8')) as ExtractedSchema;

const text: Field = { shape: { kind: 'string' }, optional: false };
/** Sanity's slug object: what the site reads from the file name. */
const slug: Field = {
  shape: { kind: 'object', fields: { current: text, source: { shape: { kind: 'string' }, optional: true } } },
  optional: false,
};

/** What the Studio must hold for a collection: its fields, plus what the site takes from the path and body. */
function expectedShape(collection: CollectionName): Shape {
  const { ext, schema } = collections[collection];
  const shape = zodField(schema).shape;
  if (shape.kind !== 'object') throw new Error(`${collection} is not an object schema`);
  const routed = collection === 'guides' || collection === 'pages' || collection === 'news';
  return {
    kind: 'object',
    fields: {
      ...shape.fields,
      language: text,
      ...(ext === 'md' ? { body: text } : {}),
      ...(routed ? { slug } : {}),
    },
  };
}

describe('the Studio schema and the site schema', () => {
  for (const collection of Object.keys(collections) as CollectionName[]) {
    it(`describe ${collection} (${sanityTypeOf[collection]}) the same way`, () => {
      const studio = sanityDocumentShape(extracted, sanityTypeOf[collection]);
      expect(studio, `the Studio has a document type ${sanityTypeOf[collection]}`).toBeDefined();
      expect(differences(expectedShape(collection), studio ?? { kind: 'object', fields: {} })).toEqual([]);
    });
  }
});

describe('the drift check itself', () => {
  const guide = () => structuredClone(extracted);
  const guideAttributes = (schema: ExtractedSchema) => {
    const type = schema.find((candidate) => candidate.name === 'guide');
    if (!type?.attributes) throw new Error('no guide type');
    return type.attributes;
  };

  it('notices a field that only one side has', () => {
    const schema = guide();
    delete guideAttributes(schema)['contact'];
    expect(differences(expectedShape('guides'), sanityDocumentShape(schema, 'guide') ?? { kind: 'boolean' })).toContain(
      'contact: only on the site',
    );
  });

  it('notices a field of another type', () => {
    const schema = guide();
    const order = guideAttributes(schema)['order'];
    if (order) order.value = { type: 'string' };
    expect(differences(expectedShape('guides'), sanityDocumentShape(schema, 'guide') ?? { kind: 'boolean' })).toContain(
      'order: the site has number, the Studio has string',
    );
  });

  it('notices a required field that is optional on the other side', () => {
    const schema = guide();
    const title = guideAttributes(schema)['title'];
    if (title) title.optional = true;
    expect(differences(expectedShape('guides'), sanityDocumentShape(schema, 'guide') ?? { kind: 'boolean' })).toContain(
      'title: required on the site, optional in the Studio',
    );
  });

  it('notices a nested difference and a different list of allowed values', () => {
    const schema = guide();
    const step = schema.find((candidate) => candidate.name === 'step');
    if (step?.value?.attributes) delete step.value.attributes['text'];
    const found = differences(expectedShape('guides'), sanityDocumentShape(schema, 'guide') ?? { kind: 'boolean' });
    expect(found).toContain('steps[].text: only on the site');
    const key = guideAttributes(schema)['translationKey'];
    if (key) key.value = { type: 'string' };
    expect(differences(expectedShape('guides'), sanityDocumentShape(schema, 'guide') ?? { kind: 'boolean' }).join('\n')).toContain(
      'translationKey: the site allows only adoption',
    );
  });

  it('reaches the answers inside the questions of a module, and reads a boolean with a default as optional', () => {
    const schema = guide();
    const answer = schema.find((candidate) => candidate.name === 'answerOption');
    const correct = answer?.value?.attributes?.['correct'];
    expect(correct?.value.type).toBe('boolean');
    if (correct) correct.optional = false;
    expect(differences(expectedShape('modules'), sanityDocumentShape(schema, 'courseModule') ?? { kind: 'boolean' })).toEqual([
      'questions[].options[].correct: optional on the site, required in the Studio',
    ]);
    if (correct) correct.value = { type: 'string' };
    expect(differences(expectedShape('modules'), sanityDocumentShape(schema, 'courseModule') ?? { kind: 'boolean' })).toContain(
      'questions[].options[].correct: the site has boolean, the Studio has string',
    );
  });
});
