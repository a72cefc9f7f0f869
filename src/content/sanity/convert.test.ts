/**
 * The conversion between content files and Sanity documents for the school's documents: modules
 * carry lists inside lists (questions and their answers), lessons are Markdown addressed by key.
 */
import { describe, expect, it } from 'vitest';
import { checkContent } from '../check.ts';
import { fromSanityDocument, toSanityDocument } from './convert.ts';

const option = (key: string, correct?: boolean) => ({
  key,
  text: `Answer ${key}`,
  ...(correct === undefined ? {} : { correct }),
  explanation: `Why ${key} is right or wrong.`,
});

const module = {
  translationKey: 'first-days',
  title: 'The first days at home',
  description: 'What the first days of a child in a new family are like, and how parents can help.',
  course: 'adoptive-parents',
  order: 1,
  academicHours: 4,
  questions: Array.from({ length: 12 }, (_, index) => ({
    key: `question-${index + 1}`,
    text: `Question ${index + 1}?`,
    options: [option('a', true), option('b'), option('c', false)],
  })),
};

const lesson = {
  translationKey: 'why-routine-matters',
  title: 'Why routine matters',
  description: 'How a steady daily routine helps a child feel safe in a new family in the first weeks.',
  module: 'first-days',
  order: 2,
  keyPoints: ['A routine makes the day predictable.', 'Keep it simple at first.'],
  reflection: 'What does a usual day look like in your family?',
};

describe('a module', () => {
  const sanity = toSanityDocument({ collection: 'modules', lang: 'ru', slug: 'first-days', data: module, body: undefined });

  it('becomes a courseModule with typed, keyed questions and answers, and no slug', () => {
    expect(sanity._id).toBe('courseModule.first-days.ru');
    expect(sanity._type).toBe('courseModule');
    expect(sanity['language']).toBe('ru');
    expect(sanity).not.toHaveProperty('slug');
    expect(sanity).not.toHaveProperty('body');
    const questions = sanity['questions'] as Record<string, unknown>[];
    expect(questions[0]).toMatchObject({ _key: 'questions-0', _type: 'testQuestion', key: 'question-1' });
    expect((questions[0]?.['options'] as unknown[])[1]).toEqual({
      _key: 'options-1',
      _type: 'answerOption',
      ...option('b'),
    });
  });

  it('comes back as the same file, an answer without "correct" still without it', () => {
    expect(fromSanityDocument(sanity)).toEqual({ relativePath: 'modules/ru/first-days.yaml', data: module, body: undefined });
  });
});

describe('a lesson', () => {
  const body = '## Why\n\nA child who knows what comes next feels safe.\n';
  const sanity = toSanityDocument({ collection: 'lessons', lang: 'kk', slug: 'why-routine-matters', data: lesson, body });

  it('becomes a lesson with its Markdown body and no slug: its address is its key', () => {
    expect(sanity._id).toBe('lesson.why-routine-matters.kk');
    expect(sanity._type).toBe('lesson');
    expect(sanity['body']).toBe(body.trim());
    expect(sanity['keyPoints']).toEqual(lesson.keyPoints);
    expect(sanity).not.toHaveProperty('slug');
  });

  it('comes back as the file named after its key, which the content checks require', () => {
    const raw = fromSanityDocument(sanity);
    expect(raw).toEqual({ relativePath: 'lessons/kk/why-routine-matters.md', data: lesson, body: body.trim() });
    const named = (relativePath: string) =>
      checkContent(raw ? [{ ...raw, relativePath }] : []).problems.some((problem) => problem.message.startsWith('name the file after'));
    expect(named('lessons/kk/why-routine-matters.md')).toBe(false);
    expect(named('lessons/kk/another-name.md')).toBe(true);
  });
});

describe('a course', () => {
  it('keeps its rules, and is named after its key', () => {
    const data = {
      translationKey: 'adoptive-parents',
      title: 'School of adoptive parents',
      description: 'The online preparation course of the School of adoptive parents, with a test after each module.',
      certificateTitle: 'Preparation course of the School of adoptive parents',
      passMark: 0.8,
      sources: [{ title: 'Code on Marriage and Family' }],
    };
    const sanity = toSanityDocument({ collection: 'courses', lang: 'en', slug: 'adoptive-parents', data, body: undefined });
    expect(sanity._id).toBe('course.adoptive-parents.en');
    expect(sanity['sources']).toEqual([{ _key: 'sources-0', _type: 'source', title: 'Code on Marriage and Family' }]);
    expect(fromSanityDocument(sanity)).toEqual({ relativePath: 'courses/en/adoptive-parents.yaml', data, body: undefined });
  });
});
