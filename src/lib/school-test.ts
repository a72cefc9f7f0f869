/** The questions of an attempt in the page's language, without their right answers: what the browser may see. */
import type { SchoolModule } from './school-course.ts';

export interface ShownQuestion {
  key: string;
  text: string;
  options: { key: string; text: string }[];
}

export function shownQuestions(module: SchoolModule, keys: readonly string[]): ShownQuestion[] {
  return keys.flatMap((key) => {
    const question = module.entry.data.questions.find((candidate) => candidate.key === key);
    return question
      ? [
          {
            key,
            text: question.text,
            options: question.options.map((option) => ({ key: option.key, text: option.text })),
          },
        ]
      : [];
  });
}
