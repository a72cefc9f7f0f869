/** Every schema type of the Studio, grouped as singletons, documents and objects. */
import { courseModule } from './documents/course-module.ts';
import { course } from './documents/course.ts';
import { district } from './documents/district.ts';
import { figureSet } from './documents/figure-set.ts';
import { guide } from './documents/guide.ts';
import { lesson } from './documents/lesson.ts';
import { newsItem } from './documents/news-item.ts';
import { page } from './documents/page.ts';
import { region } from './documents/region.ts';
import { answerOption } from './objects/answer-option.ts';
import { authority } from './objects/authority.ts';
import { faqItem } from './objects/faq-item.ts';
import { figureValue } from './objects/figure-value.ts';
import { keyFact } from './objects/key-fact.ts';
import { legalBasis } from './objects/legal-basis.ts';
import { requiredDocument } from './objects/required-document.ts';
import { source } from './objects/source.ts';
import { step } from './objects/step.ts';
import { testQuestion } from './objects/test-question.ts';
import { siteSettings } from './singletons/site-settings.ts';

export const singletons = [siteSettings];
export const documents = [guide, page, newsItem, figureSet, district, region, course, courseModule, lesson];
export const objects = [
  source,
  faqItem,
  step,
  requiredDocument,
  legalBasis,
  keyFact,
  figureValue,
  authority,
  testQuestion,
  answerOption,
];

export const schemaTypes = [...singletons, ...documents, ...objects];
